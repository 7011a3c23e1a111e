package io.chatcases.files;

import io.chatcases.testing.AgentOnlyContract;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AgentOnlyEndpointTest extends AgentOnlyContract {
    @Override
    protected String agentOnlyPath() {
        return "/cases/00000000-0000-0000-0000-000000000001/files";
    }

    @Test
    void refusalsAreProblemBodies() {
        assertRefusalsAreProblems();
    }
}
