package io.conciergehub.ops;

import static io.conciergehub.support.Jolokia.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Jolokia;
import io.conciergehub.support.TestHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Even with an admin key, Jolokia allows only what jolokia-access.xml allows (reading Camel and JVM
 * MBeans, route and circuit breaker operations, the context's route dump and statistics that
 * Hawtio's Camel plugin shows), and nothing else of Camel's management server is served.
 */
class JolokiaServesOnlyWhatItsPolicyAllowsTest {

    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(TestHub.Builder::scopedKeys);

    @Test
    void thePolicyRefusesEverythingElse() throws Exception {
        Jolokia jolokia = new Jolokia(env.hub());
        String route = jolokia.mbean("org.apache.camel:type=routes,*", "events-poll");
        String context = jolokia.mbean("org.apache.camel:type=context,*", "concierge-hub");
        Path heapDump = Files.createTempDirectory("jolokia-").resolve("heap.hprof");

        assertRefused(jolokia.exec("java.lang:type=Memory", "gc"));
        assertRefused(jolokia.exec("com.sun.management:type=HotSpotDiagnostic", "dumpHeap", heapDump.toString(), true));
        assertRefused(jolokia.exec("com.sun.management:type=DiagnosticCommand", "vmSystemProperties"));
        assertRefused(jolokia.exec(context, "stop"));
        assertRefused(jolokia.exec(route, "remove"));
        assertRefused(jolokia.exec(route, "stopAndFail()"));
        assertRefused(jolokia.exec(route, "dumpRouteAsXml(boolean)", true));
        assertRefused(jolokia.write("java.lang:type=Memory", "Verbose", true));
        assertRefused(jolokia.write(route, "Tracing", true));
        assertRefused(jolokia.read("JMImplementation:type=MBeanServerDelegate", "MBeanServerId"));
        assertRefused(jolokia.read("java.lang:type=Runtime", "SystemProperties"));
        assertRefused(jolokia.read("java.lang:type=Runtime", "InputArguments"));

        assertThat(jolokia.read("java.lang:type=Runtime", "Uptime").path("status").asInt()).isEqualTo(200);
        assertThat(jolokia.read("java.lang:type=Memory", "HeapMemoryUsage").path("status").asInt()).isEqualTo(200);
        assertThat(heapDump).doesNotExist();
        assertThat(jolokia.read(route, "State").path("value").asText()).isEqualTo("Started");
        assertThat(env.hub().get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void hawtiosCamelPluginGetsTheRoutesAndTheirStatisticsWithoutResolvedPlaceholders() throws Exception {
        Jolokia jolokia = new Jolokia(env.hub());
        String context = jolokia.mbean("org.apache.camel:type=context,*", "concierge-hub");

        // As Hawtio's route diagram and source views ask: placeholders stay placeholders.
        String routes = jolokia.exec(context, "dumpRoutesAsXml()").path("value").asText();
        assertThat(routes).contains("id=\"events-poll\"", "{{");
        // (Without the processors' statistics: with them, over a hundred routes take seconds.)
        String stats = jolokia.exec(context, "dumpRoutesStatsAsXml", false, false).path("value").asText();
        assertThat(stats).contains("<routeStat", "events-poll");
        assertThat(jolokia.exec(context, "dumpRoutesStatsAsXml(boolean,boolean)", false, false)
                .path("status").asInt()).isEqualTo(200);

        assertRefused(jolokia.exec(context, "dumpRoutesAsXml(boolean)", true));
        assertRefused(jolokia.exec(context, "dumpRoutesAsXml(boolean,boolean)", true, false));
        assertRefused(jolokia.exec(context, "dumpRoutesAsXml", true));
        assertRefused(jolokia.exec(context, "dumpRoutesAsYaml(boolean,boolean,boolean)", true, true, true));
        assertRefused(jolokia.exec(context, "suspend()"));
    }

    @Test
    void nothingElseOfCamelsManagementServerIsServed() throws Exception {
        for (String path : List.of("/observe/health", "/observe/health/ready", "/observe/info", "/observe/metrics")) {
            assertThat(env.hub().get(path).statusCode()).as(path).isEqualTo(401);
            assertThat(env.hub().getApi(path, TestHub.API_KEY).statusCode()).as(path).isEqualTo(404);
        }
        for (String path : List.of("/q/dev", "/q/info", "/q/send", "/q/download", "/q/upload/x")) {
            assertThat(env.hub().get(path).statusCode()).as(path).isEqualTo(404);
        }
    }
}
