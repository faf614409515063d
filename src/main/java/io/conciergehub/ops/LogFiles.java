package io.conciergehub.ops;

import io.conciergehub.store.ConfigurationException;
import io.conciergehub.store.PrivateFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.RollingFileAppender;
import org.apache.logging.log4j.core.appender.rolling.CompositeTriggeringPolicy;
import org.apache.logging.log4j.core.appender.rolling.DefaultRolloverStrategy;
import org.apache.logging.log4j.core.appender.rolling.SizeBasedTriggeringPolicy;
import org.apache.logging.log4j.core.appender.rolling.TimeBasedTriggeringPolicy;
import org.apache.logging.log4j.core.appender.rolling.action.Action;
import org.apache.logging.log4j.core.appender.rolling.action.DeleteAction;
import org.apache.logging.log4j.core.appender.rolling.action.IfAccumulatedFileCount;
import org.apache.logging.log4j.core.appender.rolling.action.IfFileName;
import org.apache.logging.log4j.core.appender.rolling.action.PathCondition;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;

/**
 * The log files in {@code logging.dir}: {@code hub.log}, rolled over daily and at {@value #MAX_SIZE}
 * into {@code hub-<date>-<n>.log}, the newest {@value #KEPT} of those kept. The files are 0600, like
 * the data directory's; a directory the hub makes is 0700.
 *
 * <p>Attached once the settings are read, so that {@code logging.dir} comes from wherever the
 * hub's settings come from (environment, profile, application.properties): Camel's first two
 * start-up lines reach the console only.
 */
public final class LogFiles {

    public static final String CURRENT = "hub.log";
    static final String MAX_SIZE = "10 MB";
    static final int KEPT = 14;
    private static final String APPENDER = "logging.dir";

    private LogFiles() {
    }

    /** Adds the file appender to the root logger; {@code format} is {@code plain} or {@code json}. */
    public static void attach(Path dir, String format) {
        try {
            if (!Files.isDirectory(dir)) {
                PrivateFiles.directory(dir);
            }
            // An existing directory (e.g. /var/log/concierge-hub) keeps its mode; the hub's own files are 0600.
            try (DirectoryStream<Path> own = Files.newDirectoryStream(dir, "hub*.log")) {
                for (Path file : own) {
                    PrivateFiles.file(file);
                }
            }
        } catch (IOException e) {
            throw new ConfigurationException("logging.dir = '" + dir + "' cannot be made a directory: " + e.getMessage());
        }
        LoggerContext logs = (LoggerContext) LogManager.getContext(false);
        Configuration config = logs.getConfiguration();
        if (config.getAppender(APPENDER) != null) {
            return; // a second hub in the same JVM (tests): the first one's files already get every event
        }
        Appender appender = RollingFileAppender.newBuilder().setName(APPENDER).setConfiguration(config)
                .setLayout(layout(config, format))
                .withFileName(dir.resolve(CURRENT).toString())
                .withFilePattern(dir.resolve("hub-%d{yyyy-MM-dd}-%i.log").toString())
                .withFilePermissions("rw-------")
                .withPolicy(CompositeTriggeringPolicy.createPolicy(TimeBasedTriggeringPolicy.newBuilder().build(),
                        SizeBasedTriggeringPolicy.createPolicy(MAX_SIZE)))
                .withStrategy(DefaultRolloverStrategy.newBuilder().withConfig(config)
                        .withCustomActions(new Action[] {oldestBeyondKept(dir, config)}).build())
                .build();
        appender.start();
        config.addAppender(appender);
        config.getRootLogger().addAppender(appender, null, null);
        logs.updateLoggers();
    }

    /** Plain lines go through the console's layout, escaping included; JSON escapes every value itself. */
    static Layout<?> layout(Configuration config, String format) {
        if ("json".equals(format)) {
            return JsonTemplateLayout.newBuilder().setConfiguration(config)
                    .setEventTemplateUri("classpath:EcsLayout.json").build();
        }
        return config.getAppender("console").getLayout();
    }

    /** The date in the file names restarts the index every day: the number of files is bounded here. */
    private static Action oldestBeyondKept(Path dir, Configuration config) {
        PathCondition rolled = IfFileName.createNameCondition("hub-*.log", null,
                IfAccumulatedFileCount.createFileCountCondition(KEPT));
        return DeleteAction.createDeleteAction(dir.toString(), false, 1, false, null, new PathCondition[] {rolled},
                null, config);
    }
}
