package io.chatcases.cases;

import io.chatcases.testing.AgentOnlyContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AgentOnlyEndpointTest extends AgentOnlyContract {
    @Override
    protected String agentOnlyPath() {
        return "/quick-replies";
    }
}
