package io.conciergehub.ops;

import java.lang.management.ManagementFactory;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With {@code -XX:ArchiveClassesAtExit} (scripts/run.sh's first run) the JVM writes the class-data
 * archive after the hub has stopped, for several silent seconds: the hub says so as it stops.
 */
public final class ClassDataArchive {

    private static final Logger LOG = LoggerFactory.getLogger(ClassDataArchive.class);
    private static final String OPTION = "-XX:ArchiveClassesAtExit=";

    private ClassDataArchive() {
    }

    /** Call first in the configuration: services stop in reverse order, so this line comes last. */
    public static void announceAtStop(CamelContext context) throws Exception {
        Optional<String> archive = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> argument.startsWith(OPTION)).map(argument -> argument.substring(OPTION.length()))
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
