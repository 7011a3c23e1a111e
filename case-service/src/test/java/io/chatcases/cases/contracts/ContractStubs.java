package io.chatcases.cases.contracts;

import io.chatcases.testing.contracts.Contract;
import io.chatcases.testing.contracts.ContractStub;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * contact-service and file-service as their contracts with case-service say they answer, for the
 * consumer tests of ContactMatcher and FileChecker. The state of a request follows from what it
 * carries, so a test picks it by what it sends: an email with "@@" is one contact-service refuses,
 * the file id {@link #ANOTHER_CASES_FILE} belongs to another Case.
 */
public class ContractStubs implements QuarkusTestResourceLifecycleManager {
    static final String ANOTHER_CASES_FILE = "00000000-0000-0000-0000-00000000f11e";

    private ContractStub contacts;
    private ContractStub files;

    @Override
    public Map<String, String> start() {
        contacts =
                new ContractStub(
                        Contract.between("case-service", "contact-service"),
                        r -> r.body().contains("@@") ? "invalid-email" : "no-contact-with-email");
        files =
                new ContractStub(
                        Contract.between("case-service", "file-service"),
                        r ->
                                ANOTHER_CASES_FILE.equals(r.values().get("fileId"))
                                        ? "file-of-another-case"
                                        : "file-of-case");
        return Map.of(
                "quarkus.rest-client.contact-service.url", contacts.url(),
                "quarkus.rest-client.file-service.url", files.url());
    }

    @Override
    public void stop() {
        contacts.close();
        files.close();
    }

    /** The profile of the consumer tests: the services above instead of closed ports. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ContractStubs.class));
        }
    }
}
