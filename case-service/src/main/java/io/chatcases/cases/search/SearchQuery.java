package io.chatcases.cases.search;

import io.chatcases.cases.service.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One page of the conversations list as SQL: the view (waiting, mine, open, resolved, closed, all),
 * the caller's visibility, the search words and the keyset cursor. Pure: the SQL text and its
 * parameters, so the search test can run the very query on a million messages.
 */
public record SearchQuery(
        View view, String callerId, boolean seesAll, String words, Cursor after, int limit) {

    /** Most words a query may have; more are refused, not silently dropped. */
    public static final int MAX_WORDS = 8;

    public static final int MAX_LIMIT = 100;

    /** A word keeps letters, digits and the characters of emails; anything else separates words. */
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}@._+-]+");

    private static final Pattern CASE_NUMBER = Pattern.compile("#?\\d{1,18}");

    /**
     * The list's filters. Waiting is oldest first (who waited longest); the others newest first.
     */
    public enum View {
        WAITING,
        MINE,
        OPEN,
        RESOLVED,
        CLOSED,
        ALL;

        static View parse(String value) {
            if (value == null || value.isBlank()) {
                return OPEN;
            }
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badInput(
                        "view", "view must be one of waiting, mine, open, resolved, closed, all.");
            }
        }

        boolean oldestFirst() {
            return this == WAITING;
        }
    }

    /** Where the previous page ended: its last Case's creation time and id. */
    public record Cursor(Instant createdAt, UUID id) {
        public String encode() {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            (createdAt + "|" + id)
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        static Cursor decode(String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                String[] parts =
                        new String(
                                        Base64.getUrlDecoder().decode(value),
                                        java.nio.charset.StandardCharsets.UTF_8)
                                .split("\\|", 2);
                return new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
            } catch (RuntimeException e) {
                throw ApiException.badInput("cursor", "cursor is not one this list gave out.");
            }
        }
    }

    /** Parses and checks the request's parameters: a 400 problem for anything out of bounds. */
    public static SearchQuery of(
            String view, String q, String cursor, int limit, String callerId, boolean seesAll) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badInput("limit", "limit must be between 1 and " + MAX_LIMIT + ".");
        }
        if (q != null && q.length() > 200) {
            throw ApiException.badInput("q", "q must be at most 200 characters.");
        }
        return new SearchQuery(
                View.parse(view),
                callerId,
                seesAll,
                q == null ? "" : q,
                Cursor.decode(cursor),
                limit);
    }

    /**
     * The search words as a tsquery text: each word a quoted prefix ({@code 'ord':*}), all of them
     * required. Null when there is no word. Quotes and backslashes cannot occur (not word
     * characters), so no input can change the query's structure.
     */
    public String tsQuery() {
        List<String> terms = new ArrayList<>();
        for (String w : NOT_WORD.split(words.toLowerCase(Locale.ROOT))) {
            String word = w.replaceAll("^[@._+-]+|[@._+-]+$", "");
            if (!word.isEmpty()) {
                terms.add("'" + word + "':*");
            }
        }
        if (terms.size() > MAX_WORDS) {
            throw ApiException.badInput("q", "q may have at most " + MAX_WORDS + " words.");
        }
        return terms.isEmpty() ? null : String.join(" & ", terms);
    }

    /** The Case number the words name, as "1042" or "#1042", or null. */
    Long caseNumber() {
        String w = words.trim();
        return CASE_NUMBER.matcher(w).matches() ? Long.valueOf(w.replace("#", "")) : null;
    }

    /**
     * The SQL selecting one page of Case ids (one row more than the limit: is there a next page).
     */
    public String sql() {
        StringBuilder sql = new StringBuilder("SELECT c.id FROM chat_case c WHERE ");
        // The visibility rule (CaseTransitions.mayRead) as SQL: agents see NEW Cases and their own.
        sql.append(seesAll ? "TRUE" : "(c.status = 'NEW' OR c.owner_id = :me)");
        switch (view) {
            case WAITING -> sql.append(" AND c.status = 'NEW'");
            case MINE -> sql.append(" AND c.owner_id = :me");
            case OPEN -> sql.append(" AND c.status IN ('NEW', 'READY')");
            case RESOLVED -> sql.append(" AND c.status = 'RESOLVED'");
            case CLOSED -> sql.append(" AND c.status = 'CLOSED'");
            case ALL -> {
                // every status
            }
        }
        if (tsQuery() != null) {
            sql.append(" AND (c.search @@ to_tsquery('simple', :q)");
            if (caseNumber() != null) {
                sql.append(" OR c.number = :number");
            }
            sql.append(
                    " OR c.id IN (SELECT m.case_id FROM message m"
                            + " WHERE m.search @@ to_tsquery('simple', :q)))");
        }
        String cmp = view.oldestFirst() ? ">" : "<";
        if (after != null) {
            sql.append(" AND (c.created_at, c.id) ").append(cmp).append(" (:afterAt, :afterId)");
        }
        String dir = view.oldestFirst() ? "ASC" : "DESC";
        sql.append(" ORDER BY c.created_at ").append(dir).append(", c.id ").append(dir);
        sql.append(" LIMIT ").append(limit + 1);
        return sql.toString();
    }

    /** The parameters {@link #sql()} names. */
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        String sql = sql();
        if (sql.contains(":me")) {
            p.put("me", callerId);
        }
        if (sql.contains(":q")) {
            p.put("q", tsQuery());
        }
        if (sql.contains(":number")) {
            p.put("number", caseNumber());
        }
        if (after != null) {
            p.put("afterAt", after.createdAt());
            p.put("afterId", after.id());
        }
        return p;
    }
}
