package io.chatcases.cases.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The conversations search on a million messages (20,000 Cases of 50 messages), loaded in one
 * transaction that is rolled back: the very SQL {@link SearchQuery} builds, timed with EXPLAIN
 * ANALYZE and printed (figures, not assertions: docs/benchmarks.md). What is asserted is the plan:
 * a rare word is found through the full-text indexes, never by reading every message.
 */
@QuarkusTest
class SearchScaleTest {
    static final int CASES = 20_000;
    static final int PER_CASE = 50;

    @Inject AgroalDataSource db;

    @Test
    void aMillionMessagesAreSearchedThroughTheIndexes() throws Exception {
        try (Connection conn = db.getConnection()) {
            conn.setAutoCommit(false);
            try (Statement st = conn.createStatement()) {
                long t0 = System.nanoTime();
                st.execute(
                        "INSERT INTO chat_case (id, channel, status, owner_id, contact_email,"
                                + " contact_first_name, contact_last_name, contact_initials,"
                                + " created_at) SELECT gen_random_uuid(), 'WEB_CONNECT', 'RESOLVED',"
                                + " 'agent-load',"
                                + " 'scale' || i || '@load.example', 'Load' || i, 'Tester', 'LT',"
                                + " now() - make_interval(secs => i) FROM generate_series(1, "
                                + CASES
                                + ") i");
                // Ordinary chat words, and one rare word in one message.
                st.execute(
                        "INSERT INTO message (case_id, seq, id, kind, sender_type, text, created_at)"
                                + " SELECT c.id, s, gen_random_uuid(), 'TEXT', 'CUSTOMER',"
                                + " (ARRAY['where is my order','thanks for the help','my parcel is late',"
                                + "'can I change the address','the invoice looks wrong'])[1 + (s % 5)]"
                                + " || ' ' || s, now() FROM (SELECT id FROM chat_case"
                                + " WHERE contact_email LIKE '%@load.example') c,"
                                + " generate_series(1, "
                                + PER_CASE
                                + ") s");
                st.execute(
                        "UPDATE message SET text = 'the zebracrossing refund' WHERE id ="
                                + " (SELECT id FROM message WHERE text LIKE 'thanks%' LIMIT 1)");
                st.execute("ANALYZE chat_case");
                st.execute("ANALYZE message");
                long loaded = System.nanoTime() - t0;
                int messages = count(st, "SELECT count(*) FROM message");
                assertTrue(messages >= CASES * PER_CASE, "messages loaded: " + messages);
                System.out.printf(
                        "search scale: %,d messages in %,d Cases loaded in %.1f s%n",
                        messages, CASES, loaded / 1e9);

                List<String> report = new ArrayList<>();
                for (Map.Entry<String, String> q :
                        Map.of(
                                        "rare word in one message", "zebracrossing",
                                        "Contact name", "load1234",
                                        "common word (in 20% of messages), first page", "invoice",
                                        "no hit", "quokka")
                                .entrySet()) {
                    SearchQuery query =
                            SearchQuery.of("all", q.getValue(), null, 50, "admin", true);
                    String plan = explain(conn, query);
                    double ms = execMs(plan);
                    report.add(String.format("%-46s %8.1f ms", q.getKey(), ms));
                    if (q.getValue().equals("zebracrossing")) {
                        assertTrue(
                                plan.contains("message_search_idx"),
                                "a rare word is looked up in the message index: " + plan);
                        assertEquals(1, rows(conn, query));
                    }
                }
                System.out.println("search scale (admin, view all, limit 50, EXPLAIN ANALYZE):");
                report.forEach(line -> System.out.println("  " + line));
            } finally {
                conn.rollback();
            }
        }
    }

    private static int count(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String explain(Connection conn, SearchQuery query) throws Exception {
        try (PreparedStatement st =
                conn.prepareStatement("EXPLAIN (ANALYZE, FORMAT JSON) " + jdbc(query))) {
            bind(st, query);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static int rows(Connection conn, SearchQuery query) throws Exception {
        try (PreparedStatement st = conn.prepareStatement(jdbc(query))) {
            bind(st, query);
            int n = 0;
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    n++;
                }
            }
            return n;
        }
    }

    /** The named parameters as JDBC's question marks, in order of appearance. */
    private static String jdbc(SearchQuery query) {
        return query.sql().replaceAll(":[a-zA-Z]+", "?");
    }

    private static void bind(PreparedStatement st, SearchQuery query) throws Exception {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile(":([a-zA-Z]+)").matcher(query.sql());
        Map<String, Object> params = query.parameters();
        int i = 1;
        while (m.find()) {
            st.setObject(i++, params.get(m.group(1)));
        }
    }

    private static double execMs(String planJson) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("\"Execution Time\": ([0-9.]+)").matcher(planJson);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}
