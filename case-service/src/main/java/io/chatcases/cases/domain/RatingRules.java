package io.chatcases.cases.domain;

import io.chatcases.events.CaseStatus;
import io.chatcases.events.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The customer's satisfaction rating of a Case: a score from 1 to 5 and an optional comment, given
 * once the Case is resolved (or closed), and only once: a second rating is refused, not an update,
 * so what the agent was shown never changes under them.
 */
public final class RatingRules {
    public static final int MIN_SCORE = 1;
    public static final int MAX_SCORE = 5;

    /** Longest comment (rating_comment is varchar(1000)). */
    public static final int MAX_COMMENT = 1000;

    /** The statuses in which a Case may be rated. */
    public static final Set<CaseStatus> RATABLE = Set.of(CaseStatus.RESOLVED, CaseStatus.CLOSED);

    private RatingRules() {}

    /**
     * What is wrong with a rating, by field; empty when it may be stored. {@code comment} is the
     * comment as stored ({@link #comment}).
     */
    public static List<Problem.Violation> violations(Integer score, String comment) {
        List<Problem.Violation> out = new ArrayList<>();
        if (score == null || score < MIN_SCORE || score > MAX_SCORE) {
            out.add(new Problem.Violation("score", "The score is a whole number from 1 to 5."));
        }
        // Counted in characters as PostgreSQL counts them (an emoji is one).
        if (comment != null && comment.codePointCount(0, comment.length()) > MAX_COMMENT) {
            out.add(
                    new Problem.Violation(
                            "comment", "The comment is limited to 1,000 characters."));
        }
        return out;
    }

    /** A blank comment is no comment. */
    public static String comment(String typed) {
        return typed == null || typed.isBlank() ? null : typed.strip();
    }
}
