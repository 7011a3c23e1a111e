package io.chatcases.files.support;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * Test resources every {@code @QuarkusTest} of the module gets (whatever its profile): the
 * case-service double and fresh folders.
 */
@QuarkusTestResource(FakeCaseService.class)
@QuarkusTestResource(TempDirectories.class)
public final class GlobalTestResources {
    private GlobalTestResources() {}
}
