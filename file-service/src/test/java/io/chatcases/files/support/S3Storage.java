package io.chatcases.files.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** The service with {@code files.storage=s3}, against a real s3proxy started for the profile. */
public class S3Storage implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(S3ProxyResource.class));
    }
}
