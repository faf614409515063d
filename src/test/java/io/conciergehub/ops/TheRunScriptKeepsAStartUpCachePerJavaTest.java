package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/run.sh on a copy of the repository whose jar is built, with a Java under JAVA_HOME that
 * prints the command line it was given: the first run writes the start-up cache of that version of
 * Java (a class-data archive up to Java 24, an AOT cache from 25 on), later runs start from it, and
 * a jar built after it gets a new one.
 */
class TheRunScriptKeepsAStartUpCachePerJavaTest {

    @TempDir
    Path repository;

    /** The scripts, sources and pom older than the jar: nothing for run.sh to build. */
    @BeforeEach
    void aBuiltCopyOfTheRepository() throws Exception {
        Path scripts = Files.createDirectories(repository.resolve("scripts"));
        Files.copy(Path.of("scripts/run.sh"), scripts.resolve("run.sh"));
        Files.copy(Path.of("scripts/java.sh"), scripts.resolve("java.sh"));
        FileTime anHourAgo = FileTime.from(Instant.now().minusSeconds(3600));
        Files.setLastModifiedTime(Files.createDirectories(repository.resolve("src")), anHourAgo);
        Files.setLastModifiedTime(Files.writeString(repository.resolve("pom.xml"), "<project/>"), anHourAgo);
        Files.writeString(Files.createDirectories(repository.resolve("target")).resolve("concierge-hub.jar"), "jar");
    }

    @Test
    void javaSeventeenWritesAClassDataArchiveThenStartsFromIt() throws Exception {
        Path javaHome = java("17.0.15");

        Ran first = runScript(javaHome);
        assertThat(first.javaArguments()).contains("-XX:ArchiveClassesAtExit=target/concierge-hub.java-17.0.15.jsa")
                .endsWith("-jar target/concierge-hub.jar")
                .doesNotContain("--sun-misc-unsafe-memory-access");
        assertThat(first.said()).contains("this run writes target/concierge-hub.java-17.0.15.jsa when it stops");

        cacheWritten("concierge-hub.java-17.0.15.jsa");
        assertThat(runScript(javaHome).javaArguments())
                .contains("-XX:SharedArchiveFile=target/concierge-hub.java-17.0.15.jsa")
                .doesNotContain("ArchiveClassesAtExit");
    }

    @Test
    void javaTwentyFiveWritesAnAotCacheThenStartsFromIt() throws Exception {
        Path javaHome = java("25.0.3");

        Ran first = runScript(javaHome);
        assertThat(first.javaArguments()).contains("-XX:AOTCacheOutput=target/concierge-hub.java-25.0.3.aot")
                .contains("--sun-misc-unsafe-memory-access=allow");
        assertThat(first.said()).contains("this run writes target/concierge-hub.java-25.0.3.aot when it stops");

        cacheWritten("concierge-hub.java-25.0.3.aot");
        assertThat(runScript(javaHome).javaArguments()).contains("-XX:AOTCache=target/concierge-hub.java-25.0.3.aot")
                .doesNotContain("AOTCacheOutput");
    }

    @Test
    void aJarBuiltAfterTheCacheGetsANewOne() throws Exception {
        Path javaHome = java("25.0.3");
        Path cache = cacheWritten("concierge-hub.java-25.0.3.aot");
        Path otherJavasCache = cacheWritten("concierge-hub.java-17.0.15.jsa");
        Files.setLastModifiedTime(repository.resolve("target/concierge-hub.jar"), FileTime.from(Instant.now().plusSeconds(60)));

        Ran run = runScript(javaHome);

        assertThat(run.javaArguments()).contains("-XX:AOTCacheOutput=target/concierge-hub.java-25.0.3.aot");
        assertThat(cache).doesNotExist();
        assertThat(otherJavasCache).as("another Java's cache is that Java's run's to judge").exists();
    }

    /** A JDK of that version whose java prints its arguments instead of starting anything. */
    private Path java(String version) throws Exception {
        Path home = Files.createDirectories(repository.resolve("jdk-" + version));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"java $*\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    /** The cache a run would have written as it stopped, after the jar was built. */
    private Path cacheWritten(String name) throws Exception {
        Path cache = repository.resolve("target").resolve(name);
        Files.writeString(cache, "cache");
        Files.setLastModifiedTime(cache, FileTime.from(Instant.now().plusSeconds(30)));
        return cache;
    }

    private Ran runScript(Path javaHome) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", repository.resolve("scripts/run.sh").toString());
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().remove("JAVA_OPTS");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("run.sh:%n%s%s", out, err).isZero();
        return new Ran(out.strip(), err);
    }

    /** What the stand-in java was given, and what the script said on standard error. */
    record Ran(String javaArguments, String said) {
    }
}
