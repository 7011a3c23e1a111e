package io.chatcases.contacts.rest;

import io.chatcases.contacts.config.ContactsConfig;
import io.chatcases.contacts.service.ContactCsv;
import io.chatcases.contacts.service.ContactImportService;
import io.chatcases.contacts.service.ImportResult;
import io.chatcases.events.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Bulk load of contacts from CSV. */
@Path("/contacts/import")
@Tag(name = "Contacts")
public class ContactImportResource {

    static final String TEXT_CSV = "text/csv";

    private final ContactImportService imports;
    private final ContactsConfig config;

    ContactImportResource(ContactImportService imports, ContactsConfig config) {
        this.imports = imports;
        this.config = config;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Consumes(TEXT_CSV)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Import contacts from CSV",
            description =
                    "Header "
                            + ContactCsv.HEADER
                            + ". Idempotent by email: new emails create a contact, known ones"
                            + " get the row's non-empty cells. Each row applies in its own"
                            + " transaction; bad rows are reported and skipped.")
    @APIResponse(
            responseCode = "200",
            description = "{created, updated, unchanged, errors: [{line, field, message}]}")
    @APIResponse(responseCode = "400", description = "No header, unknown column, broken CSV")
    public Uni<ImportResult> importCsv(String body) {
        return imports.importRows(ContactCsv.parse(body, config.csvImport().maxRows()));
    }
}
