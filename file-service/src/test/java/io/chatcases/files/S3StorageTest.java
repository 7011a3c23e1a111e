package io.chatcases.files;

import io.chatcases.files.support.S3ProxyResource;
import io.chatcases.files.support.S3Storage;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The stored-file behaviour on the S3 backend, against a real s3proxy server. */
@QuarkusTest
@TestProfile(S3Storage.class)
class S3StorageTest extends StoredFileBehaviour {

    @Override
    protected List<String> storedKeys(UUID caseId) {
        String endpoint = ConfigProvider.getConfig().getValue("files.s3.endpoint", String.class);
        try (S3Client s3 =
                S3Client.builder()
                        .httpClientBuilder(UrlConnectionHttpClient.builder())
                        .endpointOverride(URI.create(endpoint))
                        .region(Region.US_EAST_1)
                        .forcePathStyle(true)
                        .credentialsProvider(
                                StaticCredentialsProvider.create(
                                        AwsBasicCredentials.create(
                                                S3ProxyResource.ACCESS_KEY,
                                                S3ProxyResource.SECRET_KEY)))
                        .build()) {
            return s3
                    .listObjectsV2(b -> b.bucket(S3ProxyResource.BUCKET).prefix(caseId + "/"))
                    .contents()
                    .stream()
                    .map(S3Object::key)
                    .sorted()
                    .toList();
        }
    }
}
