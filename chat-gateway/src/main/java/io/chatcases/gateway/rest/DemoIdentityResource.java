package io.chatcases.gateway.rest;

import io.chatcases.events.ErrorCode;
import io.chatcases.gateway.identity.DemoSigner;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The demo page's "signed-in shopper" (local platform only): 404 unless the demo signer is on (see
 * {@link DemoSigner}). A real host site signs on its own backend for its own signed-in user.
 */
@Path("/api/demo/identity")
@PermitAll
public class DemoIdentityResource {
    private static final Pattern ROUGH_EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");

    @Inject DemoSigner signer;

    /** Who the demo shop says is signed in. */
    public record Shopper(String email, String firstName, String lastName) {}

    @POST
    @Operation(summary = "Local demo only: sign a Web Connect identity token (404 elsewhere)")
    public Response sign(Shopper shopper) {
        if (!signer.enabled()) {
            return Problems.response(404, ErrorCode.NOT_FOUND, "Not found.", List.of()).build();
        }
        if (shopper == null
                || shopper.email() == null
                || shopper.email().length() > 254
                || !ROUGH_EMAIL.matcher(shopper.email().trim()).matches()
                || !name(shopper.firstName())
                || !name(shopper.lastName())) {
            return Problems.response(
                            400,
                            ErrorCode.BAD_FRAME,
                            "email, firstName and lastName are required.",
                            List.of())
                    .build();
        }
        return Response.ok(
                        Map.of(
                                "identity",
                                signer.sign(
                                        shopper.email().trim(),
                                        shopper.firstName().trim(),
                                        shopper.lastName().trim())))
                .build();
    }

    private static boolean name(String s) {
        return s != null && !s.isBlank() && s.length() <= 100;
    }
}
