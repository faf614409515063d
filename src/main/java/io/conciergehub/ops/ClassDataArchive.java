package io.conciergehub.ops;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With {@code -XX:ArchiveClassesAtExit} (Java 17 to 24) or {@code -XX:AOTCacheOutput} (Java 25 and
 * later), as on scripts/run.sh's first run, the JVM writes its start-up cache after the hub has
 * stopped, for several silent seconds: the hub says so as it stops.
 */
public final class ClassDataArchive {

    private static final Logger LOG = LoggerFactory.getLogger(ClassDataArchive.class);
    private static final List<String> OPTIONS = List.of("-XX:ArchiveClassesAtExit=", "-XX:AOTCacheOutput=");

    private ClassDataArchive() {
    }

    /** Call first in the configuration: services stop in reverse order, so this line comes last. */
    public static void announceAtStop(CamelContext context) throws Exception {
        Optional<String> archive = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .flatMap(argument -> OPTIONS.stream().filter(argument::startsWith)
                        .map(option -> argument.substring(option.length())))
                .findFirst();
        if (archive.isPresent()) {
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() {
                    LOG.info("event=cds.writing archive={} note=\"once, for faster starts: the JVM exits when it is"
                            + " written, in a few seconds\"", archive.get());
                }
            }, true, true);
        }
    }
}
