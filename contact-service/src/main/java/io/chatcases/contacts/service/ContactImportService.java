package io.chatcases.contacts.service;

import io.chatcases.contacts.domain.ContactFields;
import io.chatcases.contacts.domain.ContactSnapshot;
import io.chatcases.contacts.domain.ContactView;
import io.chatcases.contacts.domain.EmailAddress;
import io.chatcases.contacts.service.ImportResult.RowError;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * CSV import, idempotent by email. Per row, in its own transaction:
 *
 * <ul>
 *   <li>no Contact has the address: create one from the row (first name required), the address as
 *       its primary;
 *   <li>a Contact has it (as primary or other address): cells with a value replace the stored ones,
 *       empty cells keep them; its addresses are left as they are;
 *   <li>the row changes nothing: counted unchanged, nothing is written.
 * </ul>
 *
 * A row that fails (bad field, external id taken) is rolled back alone and reported with its line
 * and field; the other rows still apply. Rows apply in file order, so a later row with the same
 * address wins. Running the same file again reports every applied row unchanged.
 */
@ApplicationScoped
public class ContactImportService {

    private static final Logger LOG = Logger.getLogger(ContactImportService.class);

    private enum Outcome {
        CREATED,
        UPDATED,
        UNCHANGED
    }

    private final ContactService contacts;
    private final ContactReads reads;
    private final Validator validator;

    ContactImportService(ContactService contacts, ContactReads reads, Validator validator) {
        this.contacts = contacts;
        this.reads = reads;
        this.validator = validator;
    }

    public Uni<ImportResult> importRows(List<ImportRow> rows) {
        List<RowError> errors = new ArrayList<>();
        int[] counts = new int[Outcome.values().length];
        return Multi.createFrom()
                .iterable(rows)
                .onItem()
                .transformToUniAndConcatenate(
                        row ->
                                apply(row)
                                        .invoke(o -> counts[o.ordinal()]++)
                                        .onFailure()
                                        .recoverWithItem(
                                                failure -> {
                                                    errors.addAll(rowErrors(row, failure));
                                                    return null;
                                                }))
                .collect()
                .last()
                .map(
                        ignored ->
                                new ImportResult(
                                        counts[Outcome.CREATED.ordinal()],
                                        counts[Outcome.UPDATED.ordinal()],
                                        counts[Outcome.UNCHANGED.ordinal()],
                                        errors));
    }

    private Uni<Outcome> apply(ImportRow row) {
        List<InvalidInputException.FieldError> invalid = validate(row);
        if (!invalid.isEmpty()) {
            return Uni.createFrom().failure(new InvalidInputException(invalid));
        }
        EmailAddress email = EmailAddress.parse(row.email());
        ContactFields fields = row.fields();
        return ContactService.inTransaction(
                        s ->
                                reads.ownerOf(s, email.value())
                                        .chain(
                                                owner ->
                                                        owner != null
                                                                ? overlay(s, owner, fields)
                                                                : create(s, email, fields)))
                .onFailure()
                .transform(e -> ContactService.translate(e, fields));
    }

    private Uni<Outcome> create(Mutiny.Session s, EmailAddress email, ContactFields fields) {
        if (fields.firstName() == null) {
            return Uni.createFrom()
                    .failure(
                            new InvalidInputException(
                                    "firstName", "is required to create a contact"));
        }
        return contacts.insertOrFetch(s, email, fields)
                .chain(
                        m ->
                                m.created()
                                        ? Uni.createFrom().item(Outcome.CREATED)
                                        // Another writer created it meanwhile: update it instead.
                                        : overlay(s, m.contact().id(), fields));
    }

    /** Applies the row's non-empty cells to the Contact; announces a rename. */
    private Uni<Outcome> overlay(Mutiny.Session s, UUID id, ContactFields row) {
        return contacts.lockOrFail(s, id)
                .chain(
                        c -> {
                            ContactFields before = ContactFields.of(c);
                            ContactFields after = before.overlaidWith(row);
                            if (after.equals(before)) {
                                return Uni.createFrom().item(Outcome.UNCHANGED);
                            }
                            return reads.emailsOf(s, id)
                                    .chain(
                                            emails -> {
                                                ContactSnapshot old =
                                                        ContactView.of(c, emails).snapshot();
                                                after.applyTo(c);
                                                c.updatedAt = ContactService.now();
                                                ContactView now = ContactView.of(c, emails);
                                                return announceIfNeeded(s, old, now);
                                            })
                                    .chain(s::flush)
                                    .replaceWith(Outcome.UPDATED);
                        });
    }

    private Uni<Void> announceIfNeeded(Mutiny.Session s, ContactSnapshot old, ContactView now) {
        return old.differsForSubscribers(now.snapshot())
                ? contacts.announce(s, now, false, now.updatedAt())
                : Uni.createFrom().voidItem();
    }

    private List<InvalidInputException.FieldError> validate(ImportRow row) {
        if (row.problem() != null) {
            return List.of(new InvalidInputException.FieldError(null, row.problem()));
        }
        return validator.validate(row).stream()
                .sorted(
                        Comparator.comparing(
                                (ConstraintViolation<?> v) -> v.getPropertyPath().toString()))
                .map(
                        v ->
                                new InvalidInputException.FieldError(
                                        v.getPropertyPath().toString(), v.getMessage()))
                .toList();
    }

    private static List<RowError> rowErrors(ImportRow row, Throwable failure) {
        if (failure instanceof InvalidInputException invalid) {
            return invalid.errors().stream()
                    .map(e -> new RowError(row.line(), e.field(), e.message()))
                    .toList();
        }
        if (failure instanceof ExternalIdTakenException) {
            return List.of(new RowError(row.line(), "externalId", "belongs to another contact"));
        }
        if (failure instanceof ContactNotFoundException) {
            return List.of(
                    new RowError(row.line(), null, "the contact was deleted meanwhile; retry"));
        }
        LOG.warnf(failure, "Import row at line %d failed", row.line());
        return List.of(new RowError(row.line(), null, "could not be applied"));
    }
}
