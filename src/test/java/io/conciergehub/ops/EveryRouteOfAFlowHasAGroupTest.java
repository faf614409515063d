package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubUnderTest;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * As the README says: every route of a flow belongs to one of the five groups that the failover
 * logic and operators start and suspend; only the REST DSL's entry routes and the instances of the
 * call templates, which run when a grouped route calls them, belong to none.
 */
class EveryRouteOfAFlowHasAGroupTest {

    static final Set<String> GROUPS = Set.of("ingest", "api", "failover", "consumers", "cloud");

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider();

    @Test
    void everyRouteIsInAGroupOrCalledByOne() {
        assertThat(env.hub().context().getRoutes()).isNotEmpty().allSatisfy(route -> {
            if (route.getGroup() == null) {
                assertThat(route.isCreatedByRouteTemplate() || route.isCreatedByRestDsl())
                        .as("route %s has no group and is neither a REST entry nor a template's", route.getRouteId())
                        .isTrue();
            } else {
                assertThat(route.getGroup()).as(route.getRouteId()).isIn(GROUPS);
            }
        });
    }
}
