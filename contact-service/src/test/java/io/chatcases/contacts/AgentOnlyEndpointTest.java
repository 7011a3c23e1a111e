package io.chatcases.contacts;

import io.chatcases.testing.AgentOnlyContract;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AgentOnlyEndpointTest extends AgentOnlyContract {
    @Override
    protected String agentOnlyPath() {
        return "/contacts";
    }

    @Test
    void refusalsAreProblemBodies() {
        assertRefusalsAreProblems();
    }
}
