package io.chatcases.cases;

import io.chatcases.testing.ReadinessContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ReadinessTest extends ReadinessContract {}
