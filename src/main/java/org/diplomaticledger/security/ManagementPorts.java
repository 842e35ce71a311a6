package org.diplomaticledger.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;

/**
 * The ports of a separate management server ({@code management.server.port}), as it reports them once started (so a
 * random port, 0, works too): a request that arrived on one of them is a monitoring system's. None without a
 * separate management port, as the actuator then shares the application's port.
 */
@Component
class ManagementPorts implements ApplicationListener<WebServerInitializedEvent> {

    /** The server namespace Boot gives the management server's child context. */
    static final String MANAGEMENT = "management";

    private final Set<Integer> ports = ConcurrentHashMap.newKeySet();

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (MANAGEMENT.equals(event.getApplicationContext().getServerNamespace())) {
            ports.add(event.getWebServer().getPort());
        }
    }

    /** Matches requests that arrived on the management port. */
    RequestMatcher matcher() {
        return (HttpServletRequest request) -> ports.contains(request.getLocalPort());
    }
}
