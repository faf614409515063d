package io.conciergehub.mesh;

import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PAUSE_WORKERS and RESUME_WORKERS: suspends and resumes the routes of group {@code cloud}, the
 * ones that talk to the outside on their own (the outbox sender, event forwarding). Work keeps
 * arriving and queues up durably while they are paused; a restart resumes them.
 */
public final class WorkerControl {

    public static final String GROUP = "cloud";
    private static final Logger LOG = LoggerFactory.getLogger(WorkerControl.class);

    private final CamelContext context;

    public WorkerControl(CamelContext context) {
        this.context = context;
    }

    public List<String> pause() throws Exception {
        List<String> ids = routeIds();
        for (String id : ids) {
            context.getRouteController().suspendRoute(id);
        }
        LOG.warn("event=workers.paused routes={}", ids);
        return ids;
    }

    public List<String> resume() throws Exception {
        List<String> ids = routeIds();
        for (String id : ids) {
            if (context.getRouteController().getRouteStatus(id) == ServiceStatus.Suspended) {
                context.getRouteController().resumeRoute(id);
            }
        }
        LOG.info("event=workers.resumed routes={}", ids);
        return ids;
    }

    public boolean paused() {
        return routeIds().stream().anyMatch(id -> context.getRouteController().getRouteStatus(id) == ServiceStatus.Suspended);
    }

    private List<String> routeIds() {
        return context.getRoutes().stream().filter(route -> GROUP.equals(route.getGroup())).map(Route::getRouteId)
                .sorted().toList();
    }
}
