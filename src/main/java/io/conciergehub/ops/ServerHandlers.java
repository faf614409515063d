package io.conciergehub.ops;

import io.vertx.ext.auth.authentication.AuthenticationProvider;
import io.vertx.ext.web.handler.AuthenticationHandler;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;

/**
 * Mounts a handler on the HTTP server camel-main configured and has not started yet. The server
 * mounts its authentication handlers before any route, so such a handler sees every request for
 * its path from the first one the server accepts.
 */
final class ServerHandlers {

    private ServerHandlers() {
    }

    static void mountBeforeRoutes(VertxPlatformHttpServerConfiguration configuration, String path,
            AuthenticationHandler handler) {
        AuthenticationConfig.AuthenticationConfigEntry entry = new AuthenticationConfig.AuthenticationConfigEntry();
        entry.setPath(path);
        // The hub's own handler, not a Vert.x authentication provider's.
        entry.setAuthenticationProviderFactory(vertx -> null);
        entry.setAuthenticationHandlerFactory(new AuthenticationConfig.AuthenticationHandlerFactory() {
            @Override
            public <T extends AuthenticationProvider> AuthenticationHandler createAuthenticationHandler(T provider) {
                return handler;
            }
        });
        configuration.getAuthenticationConfig().getEntries().add(entry);
        configuration.getAuthenticationConfig().setEnabled(true);
    }
}
