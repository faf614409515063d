package io.conciergehub.reservation;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Not a test: a harness that parses every sample mail (readable and unreadable) N times and prints
 * the e-mails parsed per second and the share of the samples each parser recognises.
 *
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.conciergehub.reservation.ParserThroughput 500
 * </pre>
 */
public final class ParserThroughput {

    private ParserThroughput() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        String region = args.length > 1 ? args[1] : "IT";
        ReservationParsers parsers = new ReservationParsers(region);
        List<String> names = SampleMails.all();
        List<ReservationMail> mails = names.stream().map(SampleMails::read).toList();

        Map<String, Integer> recognisedBy = new TreeMap<>();
        int unreadable = 0;
        for (ReservationMail mail : mails) {
            recognisedBy.merge(parsers.sourceOf(mail), 1, Integer::sum);
            try {
                parsers.parse(mail);
            } catch (UnreadableReservation expected) {
                unreadable++;
            }
        }

        run(parsers, mails, Math.max(1, rounds / 5)); // warm-up
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long parsed = run(parsers, mails, rounds);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;

        System.out.printf("samples: %d (%d unreadable), rounds: %d, region: %s%n", mails.size(), unreadable, rounds, region);
        System.out.printf("parsed %d e-mails in %.2f s: %.0f e-mails/s (%.1f µs each)%n", parsed, seconds, parsed / seconds,
                seconds * 1e6 / parsed);
        // on a shared machine the wall clock counts other processes' time too; the thread's CPU time does not
        System.out.printf("CPU time of the parsing thread %.2f s: %.0f e-mails per CPU second (%.1f µs each); load average %.1f%n",
                cpuSeconds, parsed / cpuSeconds, cpuSeconds * 1e6 / parsed,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("share of the samples each parser recognises:");
        recognisedBy.forEach((source, count) -> System.out.printf("  %-12s %3d  %5.1f %%%n", source, count,
                100.0 * count / mails.size()));
    }

    private static long run(ReservationParsers parsers, List<ReservationMail> mails, int rounds) {
        long parsed = 0;
        for (int round = 0; round < rounds; round++) {
            for (ReservationMail mail : mails) {
                try {
                    parsers.parse(mail);
                } catch (UnreadableReservation expected) {
                    // the unreadable samples cost their time too
                }
                parsed++;
            }
        }
        return parsed;
    }
}
