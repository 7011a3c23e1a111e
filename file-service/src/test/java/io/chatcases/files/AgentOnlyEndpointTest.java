package io.chatcases.files;

import io.chatcases.files.support.CaseServiceDouble;
import io.chatcases.testing.AgentOnlyContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AgentOnlyEndpointTest extends AgentOnlyContract {
    private static final UUID CASE = UUID.fromString("00000000-0000-0000-0000-000000000001");

    @BeforeEach
    void caseServiceKnowsTheCase() {
        CaseServiceDouble.answer(CASE, CaseServiceDouble.VISIBLE);
    }

    @Override
    protected String agentOnlyPath() {
        return "/cases/" + CASE + "/files";
    }

    @Test
    void refusalsAreProblemBodies() {
        assertRefusalsAreProblems();
    }
}
