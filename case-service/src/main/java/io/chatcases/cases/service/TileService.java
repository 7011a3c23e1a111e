package io.chatcases.cases.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.domain.TileRules;
import io.chatcases.events.CaseStatus;
import io.chatcases.events.CaseView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * An agent's tiles: NEW Cases and the agent's own open ones, oldest first, at most seven; and the
 * same list page by page beyond them (the console's "+N" list), so no visible Case is unreachable.
 */
@ApplicationScoped
public class TileService {

    /** One tile as the console shows it. */
    public record TileView(@JsonProperty("case") CaseView caseView, String color, boolean unread) {}

    /**
     * A page of the agent's visible Cases (the first page: the tiles) and how many more wait beyond
     * this page.
     */
    public record Tiles(List<TileView> tiles, long more) {}

    /** The tiles: the first page is exactly the row the console shows. */
    public static final int DEFAULT_LIMIT = TileRules.MAX_TILES;

    private static final String VISIBLE =
            "from ChatCase c where c.status = ?1 or (c.status = ?2 and c.ownerId = ?3)";

    /** The tiles row: the first seven. */
    public Uni<Tiles> tiles(Caller agent) {
        return tiles(agent, 0, DEFAULT_LIMIT);
    }

    /**
     * {@code limit} of the agent's visible Cases after the first {@code offset}, in tile order
     * (oldest first, id breaks ties), and how many follow them.
     */
    @WithSession
    public Uni<Tiles> tiles(Caller agent, int offset, int limit) {
        Uni<List<Object[]>> rows =
                Panache.getSession()
                        .chain(
                                s ->
                                        s.createSelectionQuery(
                                                        "select c, coalesce(rm.seq, 0) from ChatCase c"
                                                                + " left join ReadMark rm on rm.caseId = c.id"
                                                                + " and rm.agentId = ?3"
                                                                + " where c.status = ?1 or (c.status = ?2"
                                                                + " and c.ownerId = ?3)"
                                                                + " order by c.createdAt, c.id",
                                                        Object[].class)
                                                .setParameter(1, CaseStatus.NEW)
                                                .setParameter(2, CaseStatus.READY)
                                                .setParameter(3, agent.id())
                                                .setFirstResult(offset)
                                                .setMaxResults(limit)
                                                .getResultList());
        return rows.chain(
                list ->
                        ChatCase.count(VISIBLE, CaseStatus.NEW, CaseStatus.READY, agent.id())
                                .map(
                                        total ->
                                                new Tiles(
                                                        toTiles(list, agent),
                                                        Math.max(
                                                                0, total - offset - list.size()))));
    }

    private static List<TileView> toTiles(List<Object[]> rows, Caller agent) {
        return rows.stream()
                .flatMap(
                        row -> {
                            ChatCase c = (ChatCase) row[0];
                            long readSeq = ((Number) row[1]).longValue();
                            return TileRules.tile(
                                    new TileRules.CaseState(c.status, c.ownerId, c.lastCustomerSeq),
                                    agent.id(),
                                    readSeq,
                                    false)
                                    .map(t -> new TileView(Views.of(c), t.color(), t.unread()))
                                    .stream();
                        })
                .toList();
    }
}
