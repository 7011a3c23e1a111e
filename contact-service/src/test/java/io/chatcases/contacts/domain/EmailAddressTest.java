package io.chatcases.contacts.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    static Object[][] validAddresses() {
        return new Object[][] {
            {"ana@example.com", "ana@example.com"},
            {"  Ana.Lima@Example.COM  ", "ana.lima@example.com"},
            {"\tBOB+chat@EXAMPLE.org\n", "bob+chat@example.org"},
            {"o'brien@example.ie", "o'brien@example.ie"},
            {"x@sub.domain.example.co.uk", "x@sub.domain.example.co.uk"},
            {"user@bücher.example", "user@xn--bcher-kva.example"},
            {"User@BÜCHER.Example", "user@xn--bcher-kva.example"},
            {"名前@例え.jp", "名前@xn--r8jz45g.jp"},
            {"Élodie@example.fr", "élodie@example.fr"},
            {"a-b_c=d@my-host.example", "a-b_c=d@my-host.example"},
            {"1@2.example", "1@2.example"},
        };
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @MethodSource("validAddresses")
    void normalisesTrimsLowerCasesAndConvertsIdnDomains(String raw, String expected) {
        assertEquals(expected, EmailAddress.parse(raw).value());
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" rejected: {1}")
    @MethodSource("invalidAddresses")
    void rejectsWhatIsNotAnAddressSayingWhy(String raw, String reason) {
        InvalidEmailAddressException e =
                assertThrows(InvalidEmailAddressException.class, () -> EmailAddress.parse(raw));
        assertEquals(reason, e.getMessage());
    }

    static Object[][] invalidAddresses() {
        String local64 = "a".repeat(64);
        String label63 = "b".repeat(63);
        String longDomain = label63 + "." + label63 + "." + label63 + "." + "c".repeat(60) + ".com";
        return new Object[][] {
            {"ana.example.com", "must contain an @"},
            {"ana@@example.com", "must contain exactly one @"},
            {"ana@bob@example.com", "must contain exactly one @"},
            {"\"a@b\"@example.com", "must contain exactly one @"},
            {"@example.com", "must have a part before the @"},
            {"ana@", "must have a domain after the @"},
            {"ana lima@example.com", "must not contain spaces or control characters"},
            {"ana@exam ple.com", "must not contain spaces or control characters"},
            {"ana\u00a0@example.com", "must not contain spaces or control characters"},
            {"ana\u200b@example.com", "must not contain spaces or control characters"},
            {"ana\u0007@example.com", "must not contain spaces or control characters"},
            {"ana@localhost", "must have a dot in its domain"},
            {"ana@example..com", "must not have empty parts in its domain"},
            {"ana@.example.com", "must not have empty parts in its domain"},
            {"ana@example.com.", "must not have empty parts in its domain"},
            {"ana@-example.com", "has an invalid domain"},
            {"ana@exa_mple.com", "has an invalid domain"},
            {"ana@[192.168.0.1]", "has an invalid domain"},
            {"ana@192.168.0.1", "has an invalid domain"},
            {"ana@" + "b".repeat(64) + ".com", "has an invalid domain"},
            {".ana@example.com", "must not start or end with a dot or contain two dots in a row"},
            {"ana.@example.com", "must not start or end with a dot or contain two dots in a row"},
            {"a..na@example.com", "must not start or end with a dot or contain two dots in a row"},
            {"<ana>@example.com", "has characters that are not allowed before the @"},
            {"ana,bob@example.com", "has characters that are not allowed before the @"},
            {"Ana Lima <ana@example.com>", "must not contain spaces or control characters"},
            {local64 + "x@example.com", "must have at most 64 characters before the @"},
            {local64 + "@" + longDomain, "must be at most 254 characters long"},
        };
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t\n"})
    void rejectsNothing(String raw) {
        InvalidEmailAddressException e =
                assertThrows(InvalidEmailAddressException.class, () -> EmailAddress.parse(raw));
        assertEquals("must not be empty", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ana@example.com",
                "ANA@EXAMPLE.COM",
                " ana@Example.com ",
                "Ana@EXAMPLE.com"
            })
    void spellingsOfOneMailboxAreEqual(String raw) {
        assertEquals(EmailAddress.parse("ana@example.com"), EmailAddress.parse(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ana@example.com", " ana@example.com", "ana@bücher.example"})
    void constructorOnlyAcceptsNormalisedValues(String raw) {
        assertThrows(InvalidEmailAddressException.class, () -> new EmailAddress(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ana@example.com", "  X@Y.example  "})
    void checkAgreesWithParse(String raw) {
        assertTrue(EmailAddress.check(raw).isEmpty());
    }

    @ParameterizedTest
    @CsvSource({"64, 189, true", "64, 190, false", "10, 243, true", "10, 244, false"})
    void totalLengthLimitIs254(int localLength, int domainLength, boolean accepted) {
        String raw = "a".repeat(localLength) + "@" + domainOfLength(domainLength);
        assertEquals(localLength + 1 + domainLength, raw.length());
        assertEquals(accepted, EmailAddress.check(raw).isEmpty(), raw);
    }

    /** Labels of at most 63 letters, ending in ".com". */
    private static String domainOfLength(int n) {
        StringBuilder d = new StringBuilder("com");
        while (d.length() < n) {
            int label = Math.min(63, n - d.length() - 1);
            d.insert(0, "x".repeat(label) + ".");
        }
        return d.toString();
    }
}
