package io.conciergehub.mesh;

import io.conciergehub.ops.RouteControl;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PAUSE_WORKERS and RESUME_WORKERS: suspends and resumes the routes of group {@code cloud}, the
 * cloud-facing work the hub does on its own (event forwarding, the flight watch). Work keeps
 * arriving and queues up durably while they are paused; a restart resumes them. Messages to guests
 * (group {@code consumers}) are never paused: a guest is answered whatever the hour.
 */
public final class WorkerControl {

    public static final String GROUP = "cloud";
    private static final Logger LOG = LoggerFactory.getLogger(WorkerControl.class);

    private final RouteControl routes;

    public WorkerControl(RouteControl routes) {
        this.routes = routes;
    }

    public List<String> pause() throws Exception {
        List<String> ids = routes.suspendGroup(GROUP);
        LOG.info("event=workers.paused routes={}", ids);
        return ids;
    }

    public List<String> resume() throws Exception {
        List<String> ids = routes.startGroup(GROUP);
        LOG.info("event=workers.resumed routes={}", ids);
        return ids;
    }

    public boolean paused() {
        return routes.anySuspended(GROUP);
    }
}
