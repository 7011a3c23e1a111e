package io.chatcases.gateway.rest;

import io.chatcases.events.ErrorCode;
import io.chatcases.events.Problem;
import io.chatcases.gateway.client.CustomerTokens;
import io.chatcases.gateway.client.UpstreamFailures;
import io.chatcases.gateway.config.GatewayConfig;
import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.Tokens;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;

/**
 * The gateway is the one public origin: {@code /api/...} REST paths of the services are proxied,
 * streamed both ways (Vert.x HTTP proxy: an upload is never buffered whole here). Agents' tokens
 * pass through untouched and each service checks them. A customer token (files only) is checked
 * here and replaced by the gateway's service token plus {@code X-Chat-Case}, the one Case the
 * customer may touch.
 */
@ApplicationScoped
public class ApiProxy {
    static final String CHAT_CASE = "X-Chat-Case";
    static final String CHAT_ACTOR_NAME = "X-Chat-Actor-Name";

    @Inject Vertx vertx;
    @Inject GatewayConfig config;
    @Inject CustomerTokens customerTokens;
    @Inject OidcClient oidc;

    private volatile Tokens serviceTokens;

    void routes(@Observes Router router) {
        GatewayConfig.Upstreams up = config.upstreams();
        HttpProxy cases = proxy("case-service", up.caseService(), false);
        HttpProxy contacts = proxy("contact-service", up.contactService(), false);
        HttpProxy files = proxy("file-service", up.fileService(), true);
        // Most specific first: the Files tab list lives in file-service.
        router.routeWithRegex("^/api/cases/[^/]+/files$")
                .order(-10)
                .handler(rc -> files.handle(rc.request()));
        router.route("/api/files*").order(-10).handler(rc -> files.handle(rc.request()));
        router.route("/api/cases*").order(-9).handler(rc -> cases.handle(rc.request()));
        router.route("/api/tiles").order(-9).handler(rc -> cases.handle(rc.request()));
        router.route("/api/agents").order(-9).handler(rc -> cases.handle(rc.request()));
        router.route("/api/quick-replies*").order(-9).handler(rc -> cases.handle(rc.request()));
        router.route("/api/contacts*").order(-9).handler(rc -> contacts.handle(rc.request()));
    }

    /** A proxy to {@code peer}: {@code /api/x} there is {@code /x}. */
    private HttpProxy proxy(String peer, String baseUrl, boolean customers) {
        URI base = URI.create(baseUrl);
        HttpProxy proxy =
                HttpProxy.reverseProxy(
                        vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(50)));
        proxy.originSelector(
                request ->
                        Future.succeededFuture(
                                SocketAddress.inetSocketAddress(base.getPort(), base.getHost())));
        proxy.addInterceptor(
                new ProxyInterceptor() {
                    @Override
                    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
                        return forward(context)
                                .recover(failure -> unreachable(context, peer, failure));
                    }

                    private Future<ProxyResponse> forward(ProxyContext context) {
                        ProxyRequest request = context.request();
                        request.setURI(request.getURI().substring("/api".length()));
                        // Only the gateway sets these, and only for a verified customer token.
                        request.headers().remove(CHAT_CASE);
                        request.headers().remove(CHAT_ACTOR_NAME);
                        Optional<UUID> customerCase =
                                customers ? customerCase(request) : Optional.empty();
                        if (customerCase.isEmpty()) {
                            return context.sendRequest();
                        }
                        return serviceToken()
                                .compose(
                                        token -> {
                                            request.headers()
                                                    .set("Authorization", "Bearer " + token);
                                            request.headers()
                                                    .set(CHAT_CASE, customerCase.get().toString());
                                            return context.sendRequest();
                                        });
                    }
                });
        return proxy;
    }

    /**
     * The service (or the token it needs) did not answer: a 503 problem with Retry-After, as the
     * gateway's own resources answer (UnreachableMapper), instead of the proxy's empty 502.
     */
    private static Future<ProxyResponse> unreachable(
            ProxyContext context, String peer, Throwable failure) {
        UpstreamFailures.report(peer, failure);
        String body =
                io.chatcases.support.Problems.json(
                        io.chatcases.support.Problems.of(
                                503,
                                ErrorCode.UNAVAILABLE,
                                "The service is unavailable; retry shortly."));
        return Future.succeededFuture(
                context.request()
                        .response()
                        .setStatusCode(503)
                        .putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Retry-After", UnreachableMapper.RETRY_AFTER_SECONDS)
                        .setBody(Body.body(Buffer.buffer(body))));
    }

    private Optional<UUID> customerCase(ProxyRequest request) {
        String auth = request.headers().get("Authorization");
        return auth != null && auth.startsWith("Bearer ")
                ? customerTokens.verify(auth.substring(7))
                : Optional.empty();
    }

    /** The gateway's client-credentials token, renewed when it expires. */
    private Future<String> serviceToken() {
        Tokens cached = serviceTokens;
        if (cached != null
                && !cached.isAccessTokenWithinRefreshInterval()
                && !cached.isAccessTokenExpired()) {
            return Future.succeededFuture(cached.getAccessToken());
        }
        return Future.fromCompletionStage(oidc.getTokens().subscribeAsCompletionStage())
                .map(
                        tokens -> {
                            serviceTokens = tokens;
                            return tokens.getAccessToken();
                        });
    }
}
