package io.chatcases.cases.search;

import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.service.Caller;
import io.chatcases.cases.service.Views;
import io.chatcases.events.CaseView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The conversations list: one page of Cases for a view and search words, for one caller. */
@ApplicationScoped
public class CaseSearch {
    /** Longest message excerpt returned with a hit. */
    static final int EXCERPT = 200;

    /** One row: the Case and, when words were given, its newest message that matches them. */
    public record Hit(
            @com.fasterxml.jackson.annotation.JsonProperty("case") CaseView caseView,
            String match) {}

    /** A page, and the cursor of the next one (null on the last page). */
    public record Page(List<Hit> cases, String next) {}

    @WithSession
    public Uni<Page> search(SearchQuery query) {
        return Panache.getSession()
                .chain(
                        s -> {
                            var ids = s.createNativeQuery(query.sql(), UUID.class);
                            query.parameters().forEach(ids::setParameter);
                            return ids.getResultList();
                        })
                .chain(ids -> page(query, ids));
    }

    private Uni<Page> page(SearchQuery query, List<UUID> ids) {
        boolean more = ids.size() > query.limit();
        List<UUID> shown = more ? ids.subList(0, query.limit()) : ids;
        if (shown.isEmpty()) {
            return Uni.createFrom().item(new Page(List.of(), null));
        }
        return ChatCase.<ChatCase>list("id in ?1", shown)
                .chain(
                        cases ->
                                matches(query, shown)
                                        .map(
                                                match -> {
                                                    Map<UUID, ChatCase> byId =
                                                            cases.stream()
                                                                    .collect(
                                                                            Collectors.toMap(
                                                                                    c -> c.id,
                                                                                    Function
                                                                                            .identity()));
                                                    List<Hit> hits =
                                                            shown.stream()
                                                                    .map(byId::get)
                                                                    .filter(
                                                                            java.util.Objects
                                                                                    ::nonNull)
                                                                    .map(
                                                                            c ->
                                                                                    new Hit(
                                                                                            Views
                                                                                                    .of(
                                                                                                            c),
                                                                                            match
                                                                                                    .get(
                                                                                                            c.id)))
                                                                    .toList();
                                                    ChatCase last =
                                                            byId.get(shown.get(shown.size() - 1));
                                                    String next =
                                                            more && last != null
                                                                    ? new SearchQuery.Cursor(
                                                                                    last.createdAt,
                                                                                    last.id)
                                                                            .encode()
                                                                    : null;
                                                    return new Page(hits, next);
                                                }));
    }

    /** The newest matching message of each Case on the page (one query for the whole page). */
    private Uni<Map<UUID, String>> matches(SearchQuery query, List<UUID> ids) {
        String tsQuery = query.tsQuery();
        if (tsQuery == null) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession()
                .chain(
                        s ->
                                s.createNativeQuery(
                                                "SELECT DISTINCT ON (m.case_id) m.case_id,"
                                                        + " coalesce(m.text, m.file_name) FROM message m"
                                                        + " WHERE m.case_id IN (:ids)"
                                                        + " AND m.search @@ to_tsquery('simple', :q)"
                                                        + " ORDER BY m.case_id, m.seq DESC",
                                                Object[].class)
                                        .setParameter("ids", ids)
                                        .setParameter("q", tsQuery)
                                        .getResultList())
                .map(
                        rows -> {
                            Map<UUID, String> byCase = new HashMap<>();
                            for (Object[] row : rows) {
                                String text = (String) row[1];
                                byCase.put(
                                        (UUID) row[0],
                                        text != null && text.length() > EXCERPT
                                                ? text.substring(0, EXCERPT)
                                                : text);
                            }
                            return byCase;
                        });
    }

    /** The query for a request, checked (400 problems for bad parameters). */
    public static SearchQuery query(
            String view, String q, String cursor, int limit, Caller caller) {
        return SearchQuery.of(view, q, cursor, limit, caller.id(), caller.seesAll());
    }
}
