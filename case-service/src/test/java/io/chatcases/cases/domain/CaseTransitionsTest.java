package io.chatcases.cases.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.chatcases.cases.domain.CaseTransitions.Agent;
import io.chatcases.cases.domain.CaseTransitions.CaseState;
import io.chatcases.cases.domain.CaseTransitions.Command;
import io.chatcases.cases.domain.CaseTransitions.Transition;
import io.chatcases.events.CaseStatus;
import io.chatcases.events.EventType;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The state machine as a full table: every state (and owner) against every command. */
class CaseTransitionsTest {
    private static final Agent ALICE = new Agent("alice", "Alice", "Archer", false);
    private static final Agent ADMIN = new Agent("carol", "Carol", "Clerk", true);
    private static final Agent BOB = new Agent("bob", "Bob", "Baker", false);
    private static final Agent DAVE = new Agent("dave", "Dave", "Dunn", false);

    private static final String[] STATES = {
        "NEW/-", "READY/alice", "READY/bob", "RESOLVED/alice", "RESOLVED/bob", "CLOSED/alice"
    };

    private static final String[] COMMANDS = {
        "claim",
        "resolve",
        "adminResolve",
        "customer",
        "agent",
        "system",
        "systemFile",
        "callLog",
        "close",
        "contact",
        "greet",
        "greetOff",
        "transfer",
        "adminTransfer",
        "unassign",
        "adminUnassign",
        "note",
        "adminNote"
    };

    private static Command command(String name) {
        return switch (name) {
            case "claim" -> new CaseTransitions.Claim(ALICE);
            case "resolve" -> new CaseTransitions.Resolve(ALICE);
            case "adminResolve" -> new CaseTransitions.Resolve(ADMIN);
            case "customer" -> new CaseTransitions.CustomerMessage();
            case "agent" -> new CaseTransitions.AgentMessage("alice");
            case "system" -> new CaseTransitions.SystemMessage(false);
            case "systemFile" -> new CaseTransitions.SystemMessage(true);
            case "callLog" -> new CaseTransitions.CallLogged("Video call started");
            case "close" -> new CaseTransitions.Close();
            case "contact" -> new CaseTransitions.ContactChanged();
            case "greet" -> new CaseTransitions.Greet("An agent will be with you shortly.");
            case "greetOff" -> new CaseTransitions.Greet(" ");
            case "transfer" -> new CaseTransitions.Transfer(ALICE, BOB);
            case "adminTransfer" -> new CaseTransitions.Transfer(ADMIN, DAVE);
            case "unassign" -> new CaseTransitions.Unassign(ALICE);
            case "adminUnassign" -> new CaseTransitions.Unassign(ADMIN);
            case "note" -> new CaseTransitions.Note(ALICE);
            case "adminNote" -> new CaseTransitions.Note(ADMIN);
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static CaseState state(String s) {
        String[] parts = s.split("/");
        return new CaseState(CaseStatus.valueOf(parts[0]), "-".equals(parts[1]) ? null : parts[1]);
    }

    /**
     * state, command -> outcome, next state, events (in order, "|"-separated), refusal. Applied
     * transitions that post a message take the next seq; the table says which events a row emits.
     */
    @ParameterizedTest(name = "{0} + {1} -> {2} {3} {4} {5}")
    @CsvSource(
            nullValues = "-",
            value = {
                "NEW/-,          claim,        APPLIED, READY/alice,    case.claimed|message.posted,  -",
                "NEW/-,          resolve,      REFUSED, NEW/-,          -,                            WRONG_STATE",
                "NEW/-,          adminResolve, REFUSED, NEW/-,          -,                            WRONG_STATE",
                "NEW/-,          customer,     APPLIED, NEW/-,          message.posted,               -",
                "NEW/-,          agent,        REFUSED, NEW/-,          -,                            NOT_OWNER",
                "NEW/-,          system,       APPLIED, NEW/-,          message.posted,               -",
                "NEW/-,          systemFile,   REFUSED, NEW/-,          -,                            NOT_OWNER",
                "NEW/-,           callLog,      APPLIED, NEW/-,          message.posted,               -",
                "NEW/-,          close,        NO_OP,   NEW/-,          -,                            -",
                "NEW/-,          contact,      APPLIED, NEW/-,          case.updated,                 -",
                "NEW/-,          greet,        APPLIED, NEW/-,          message.posted,               -",
                "NEW/-,          greetOff,     NO_OP,   NEW/-,          -,                            -",
                "NEW/-,          transfer,     REFUSED, NEW/-,          -,                            WRONG_STATE",
                "NEW/-,          adminTransfer, REFUSED, NEW/-,          -,                            WRONG_STATE",
                "NEW/-,          unassign,     REFUSED, NEW/-,          -,                            WRONG_STATE",
                "NEW/-,          adminUnassign, REFUSED, NEW/-,          -,                            WRONG_STATE",
                "READY/alice,    claim,        NO_OP,   READY/alice,    -,                            -",
                "READY/alice,    resolve,      APPLIED, RESOLVED/alice, case.resolved|message.posted, -",
                "READY/alice,    adminResolve, APPLIED, RESOLVED/alice, case.resolved|message.posted, -",
                "READY/alice,    customer,     APPLIED, READY/alice,    message.posted,               -",
                "READY/alice,    agent,        APPLIED, READY/alice,    message.posted,               -",
                "READY/alice,    system,       APPLIED, READY/alice,    message.posted,               -",
                "READY/alice,    systemFile,   REFUSED, READY/alice,    -,                            NOT_OWNER",
                "READY/alice,     callLog,      APPLIED, READY/alice,    message.posted,               -",
                "READY/alice,    close,        NO_OP,   READY/alice,    -,                            -",
                "READY/alice,    contact,      APPLIED, READY/alice,    case.updated,                 -",
                "READY/alice,    greet,        NO_OP,   READY/alice,    -,                            -",
                "READY/alice,    greetOff,     NO_OP,   READY/alice,    -,                            -",
                "READY/alice,    transfer,     APPLIED, READY/bob,      case.transferred|message.posted, -",
                "READY/alice,    adminTransfer, APPLIED, READY/dave,     case.transferred|message.posted, -",
                "READY/alice,    unassign,     APPLIED, NEW/-,          case.unassigned|message.posted, -",
                "READY/alice,    adminUnassign, APPLIED, NEW/-,          case.unassigned|message.posted, -",
                "READY/bob,      claim,        REFUSED, READY/bob,      -,                            TAKEN",
                "READY/bob,      resolve,      REFUSED, READY/bob,      -,                            NOT_OWNER",
                "READY/bob,      adminResolve, APPLIED, RESOLVED/bob,   case.resolved|message.posted, -",
                "READY/bob,      customer,     APPLIED, READY/bob,      message.posted,               -",
                "READY/bob,      agent,        REFUSED, READY/bob,      -,                            NOT_OWNER",
                "READY/bob,      system,       APPLIED, READY/bob,      message.posted,               -",
                "READY/bob,      systemFile,   REFUSED, READY/bob,      -,                            NOT_OWNER",
                "READY/bob,       callLog,      APPLIED, READY/bob,      message.posted,               -",
                "READY/bob,      close,        NO_OP,   READY/bob,      -,                            -",
                "READY/bob,      contact,      APPLIED, READY/bob,      case.updated,                 -",
                "READY/bob,      greet,        NO_OP,   READY/bob,      -,                            -",
                "READY/bob,      greetOff,     NO_OP,   READY/bob,      -,                            -",
                "READY/bob,      transfer,     REFUSED, READY/bob,      -,                            NOT_OWNER",
                "READY/bob,      adminTransfer, APPLIED, READY/dave,     case.transferred|message.posted, -",
                "READY/bob,      unassign,     REFUSED, READY/bob,      -,                            NOT_OWNER",
                "READY/bob,      adminUnassign, APPLIED, NEW/-,          case.unassigned|message.posted, -",
                "RESOLVED/alice, claim,        REFUSED, RESOLVED/alice, -,                            TAKEN",
                "RESOLVED/alice, resolve,      REFUSED, RESOLVED/alice, -,                            WRONG_STATE",
                "RESOLVED/alice, adminResolve, REFUSED, RESOLVED/alice, -,                            WRONG_STATE",
                "RESOLVED/alice, customer,     APPLIED, READY/alice,    case.reopened|message.posted, -",
                "RESOLVED/alice, agent,        REFUSED, RESOLVED/alice, -,                            NOT_OWNER",
                "RESOLVED/alice, system,       REFUSED, RESOLVED/alice, -,                            NOT_OWNER",
                "RESOLVED/alice, systemFile,   REFUSED, RESOLVED/alice, -,                            NOT_OWNER",
                "RESOLVED/alice,  callLog,      APPLIED, RESOLVED/alice, message.posted,               -",
                "RESOLVED/alice, close,        APPLIED, CLOSED/alice,   case.closed,                  -",
                "RESOLVED/alice, contact,      NO_OP,   RESOLVED/alice, -,                            -",
                "RESOLVED/alice, greet,        NO_OP,   RESOLVED/alice, -,                            -",
                "RESOLVED/alice, greetOff,     NO_OP,   RESOLVED/alice, -,                            -",
                "RESOLVED/alice, transfer,     REFUSED, RESOLVED/alice, -,                            WRONG_STATE",
                "RESOLVED/alice, adminTransfer, REFUSED, RESOLVED/alice, -,                            WRONG_STATE",
                "RESOLVED/alice, unassign,     REFUSED, RESOLVED/alice, -,                            WRONG_STATE",
                "RESOLVED/alice, adminUnassign, REFUSED, RESOLVED/alice, -,                            WRONG_STATE",
                "RESOLVED/bob,   claim,        REFUSED, RESOLVED/bob,   -,                            TAKEN",
                "RESOLVED/bob,   resolve,      REFUSED, RESOLVED/bob,   -,                            WRONG_STATE",
                "RESOLVED/bob,   adminResolve, REFUSED, RESOLVED/bob,   -,                            WRONG_STATE",
                "RESOLVED/bob,   customer,     APPLIED, READY/bob,      case.reopened|message.posted, -",
                "RESOLVED/bob,   agent,        REFUSED, RESOLVED/bob,   -,                            NOT_OWNER",
                "RESOLVED/bob,   system,       REFUSED, RESOLVED/bob,   -,                            NOT_OWNER",
                "RESOLVED/bob,   systemFile,   REFUSED, RESOLVED/bob,   -,                            NOT_OWNER",
                "RESOLVED/bob,    callLog,      APPLIED, RESOLVED/bob,   message.posted,               -",
                "RESOLVED/bob,   close,        APPLIED, CLOSED/bob,     case.closed,                  -",
                "RESOLVED/bob,   contact,      NO_OP,   RESOLVED/bob,   -,                            -",
                "RESOLVED/bob,   greet,        NO_OP,   RESOLVED/bob,   -,                            -",
                "RESOLVED/bob,   greetOff,     NO_OP,   RESOLVED/bob,   -,                            -",
                "RESOLVED/bob,   transfer,     REFUSED, RESOLVED/bob,   -,                            WRONG_STATE",
                "RESOLVED/bob,   adminTransfer, REFUSED, RESOLVED/bob,   -,                            WRONG_STATE",
                "RESOLVED/bob,   unassign,     REFUSED, RESOLVED/bob,   -,                            WRONG_STATE",
                "RESOLVED/bob,   adminUnassign, REFUSED, RESOLVED/bob,   -,                            WRONG_STATE",
                "CLOSED/alice,   claim,        REFUSED, CLOSED/alice,   -,                            TAKEN",
                "CLOSED/alice,   resolve,      REFUSED, CLOSED/alice,   -,                            WRONG_STATE",
                "CLOSED/alice,   adminResolve, REFUSED, CLOSED/alice,   -,                            WRONG_STATE",
                "CLOSED/alice,   customer,     REFUSED, CLOSED/alice,   -,                            CLOSED",
                "CLOSED/alice,   agent,        REFUSED, CLOSED/alice,   -,                            NOT_OWNER",
                "CLOSED/alice,   system,       REFUSED, CLOSED/alice,   -,                            NOT_OWNER",
                "CLOSED/alice,   systemFile,   REFUSED, CLOSED/alice,   -,                            NOT_OWNER",
                "CLOSED/alice,    callLog,      NO_OP,   CLOSED/alice,   -,                            -",
                "CLOSED/alice,   close,        NO_OP,   CLOSED/alice,   -,                            -",
                "CLOSED/alice,   contact,      NO_OP,   CLOSED/alice,   -,                            -",
                "CLOSED/alice,   greet,        NO_OP,   CLOSED/alice,   -,                            -",
                "CLOSED/alice,   greetOff,     NO_OP,   CLOSED/alice,   -,                            -",
                "CLOSED/alice,   transfer,     REFUSED, CLOSED/alice,   -,                            WRONG_STATE",
                "CLOSED/alice,   adminTransfer, REFUSED, CLOSED/alice,   -,                            WRONG_STATE",
                "CLOSED/alice,   unassign,     REFUSED, CLOSED/alice,   -,                            WRONG_STATE",
                "CLOSED/alice,   adminUnassign, REFUSED, CLOSED/alice,   -,                            WRONG_STATE",
                "NEW/-,          note,         APPLIED, NEW/-,          message.posted,               -",
                "NEW/-,          adminNote,    APPLIED, NEW/-,          message.posted,               -",
                "READY/alice,    note,         APPLIED, READY/alice,    message.posted,               -",
                "READY/alice,    adminNote,    APPLIED, READY/alice,    message.posted,               -",
                "READY/bob,      note,         REFUSED, READY/bob,      -,                            NOT_OWNER",
                "READY/bob,      adminNote,    APPLIED, READY/bob,      message.posted,               -",
                "RESOLVED/alice, note,         APPLIED, RESOLVED/alice, message.posted,               -",
                "RESOLVED/alice, adminNote,    APPLIED, RESOLVED/alice, message.posted,               -",
                "RESOLVED/bob,   note,         REFUSED, RESOLVED/bob,   -,                            NOT_OWNER",
                "RESOLVED/bob,   adminNote,    APPLIED, RESOLVED/bob,   message.posted,               -",
                "CLOSED/alice,   note,         APPLIED, CLOSED/alice,   message.posted,               -",
                "CLOSED/alice,   adminNote,    APPLIED, CLOSED/alice,   message.posted,               -",
            })
    void table(
            String state,
            String command,
            CaseTransitions.Outcome outcome,
            String next,
            String events,
            CaseTransitions.Refusal refusal) {
        Transition t = CaseTransitions.apply(state(state), command(command));
        assertEquals(outcome, t.outcome());
        assertEquals(state(next), t.next());
        List<String> wire = events == null ? List.of() : Arrays.asList(events.split("\\|"));
        assertEquals(wire, t.events().stream().map(EventType::wire).toList());
        assertEquals(refusal, t.refusal());
        // A message is appended exactly when message.posted is published.
        assertEquals(wire.contains("message.posted"), t.appendsMessage());
        assertEquals(
                t.appendsMessage() && command.equals("customer"), t.fromCustomer(), "customer seq");
    }

    @Test
    void tableCoversEveryStateAndCommand() throws Exception {
        CsvSource table =
                CaseTransitionsTest.class
                        .getDeclaredMethod(
                                "table",
                                String.class,
                                String.class,
                                CaseTransitions.Outcome.class,
                                String.class,
                                String.class,
                                CaseTransitions.Refusal.class)
                        .getAnnotation(CsvSource.class);
        Set<String> rows =
                Stream.of(table.value())
                        .map(r -> r.split(",")[0].trim() + " " + r.split(",")[1].trim())
                        .collect(Collectors.toCollection(TreeSet::new));
        Set<String> all = new TreeSet<>();
        for (String s : STATES) {
            for (String c : COMMANDS) {
                all.add(s + " " + c);
            }
        }
        assertEquals(all, rows);
    }

    @Test
    void claimAndResolveTellTheCustomerWho() {
        assertEquals(
                "You are now chatting with Alice Archer",
                CaseTransitions.apply(state("NEW/-"), command("claim")).systemText());
        assertEquals(
                "This chat was resolved by Carol Clerk.",
                CaseTransitions.apply(state("READY/bob"), command("adminResolve")).systemText());
        // The customer's own message is stored as sent, not as a system text.
        assertNull(CaseTransitions.apply(state("RESOLVED/bob"), command("customer")).systemText());
    }

    @Test
    void theGreetingIsTheConfiguredTextAsASystemMessage() {
        Transition t = CaseTransitions.apply(state("NEW/-"), command("greet"));
        assertEquals("An agent will be with you shortly.", t.systemText());
        assertEquals(false, t.fromCustomer());
    }

    @Test
    void aTransferTellsTheCustomerTheNewOwnerAndAnUnassignThatTheyWait() {
        assertEquals(
                "You are now chatting with Bob Baker",
                CaseTransitions.apply(state("READY/alice"), command("transfer")).systemText());
        assertEquals(
                CaseTransitions.UNASSIGNED_TEXT,
                CaseTransitions.apply(state("READY/alice"), command("unassign")).systemText());
        // Handing a Case to its owner changes nothing.
        assertEquals(
                CaseTransitions.Outcome.NO_OP,
                CaseTransitions.apply(state("READY/bob"), new CaseTransitions.Transfer(BOB, BOB))
                        .outcome());
    }

    @Test
    void theClaimUpdateStartsFromTheOnlyClaimableStatus() {
        for (CaseStatus status : CaseStatus.values()) {
            Transition t =
                    CaseTransitions.apply(
                            new CaseState(status, status == CaseStatus.NEW ? null : "bob"),
                            command("claim"));
            assertEquals(status == CaseTransitions.CLAIMABLE, t.applied(), status.name());
        }
    }

    @ParameterizedTest(name = "alice reads {0} owned by {1} (sees all: {2}): {3}")
    @CsvSource(
            nullValues = "-",
            value = {
                "NEW,      -,     false, true",
                "READY,    alice, false, true",
                "READY,    bob,   false, false",
                "READY,    bob,   true,  true",
                "RESOLVED, alice, false, true",
                "CLOSED,   bob,   false, false",
                "CLOSED,   bob,   true,  true",
            })
    void readVisibility(CaseStatus status, String owner, boolean seesAll, boolean expected) {
        assertEquals(expected, CaseTransitions.mayRead(status, owner, "alice", seesAll));
    }
}
