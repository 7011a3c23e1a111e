package io.chatcases.cases.domain;

import io.chatcases.events.CaseStatus;
import java.util.Optional;

/**
 * Which Cases show as tiles for an agent and how. The console implements the same rules in
 * TypeScript; both are tested from docs/tile-rules.json.
 *
 * <ul>
 *   <li>RULE: tiles-visible: an agent sees NEW (orange) Cases and the READY Cases it owns (blue); a
 *       Case claimed by someone else, resolved or closed is no tile.
 *   <li>RULE: tiles-order: oldest left, newest right (TileService orders by creation time), at most
 *       {@link #MAX_TILES}; the rest are counted as "more".
 *   <li>RULE: badge: the customer wrote after the agent's read mark, shown while the agent is not
 *       in the Case; solid while the agent is in it.
 * </ul>
 */
public final class TileRules {
    /** At most this many tiles show at a time; the rest are counted as "more". */
    public static final int MAX_TILES = 7;

    /** The parts of a Case the rules look at. */
    public record CaseState(CaseStatus status, String ownerId, long lastCustomerSeq) {}

    /** A visible tile: its colour, whether it has unread customer messages, whether it is solid. */
    public record Tile(String color, boolean unread, boolean badge, boolean solid) {}

    private TileRules() {}

    /**
     * The tile of a Case for agent {@code agentId}, or empty when it must not show. {@code readSeq}
     * is the agent's read mark (0 when none); {@code accessing} whether the agent is in the Case.
     */
    public static Optional<Tile> tile(
            CaseState c, String agentId, long readSeq, boolean accessing) {
        String color;
        if (c.status() == CaseStatus.NEW) {
            color = "orange";
        } else if (c.status() == CaseStatus.READY && agentId.equals(c.ownerId())) {
            color = "blue";
        } else {
            return Optional.empty();
        }
        boolean unread = c.lastCustomerSeq() > readSeq;
        return Optional.of(new Tile(color, unread, unread && !accessing, accessing));
    }
}
