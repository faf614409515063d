// Benchmark helpers for scripts/bench.sh, run with Java's source launcher (JDK only, no build):
//   java Bench.java stub PORT               Spoki send API stub that records when each answer arrives
//   java Bench.java sign COUNT SECRET FILE  signed Spoki webhooks, one "signature<TAB>body" per line
//   java Bench.java drive HUB STUB RATE SECONDS SECRET
//                                           webhooks at a fixed rate; prints ack and end-to-end latency
//   java Bench.java events COUNT HUB KEY    posts COUNT events to the hub's POST /api/mesh/events
//   java Bench.java lag HUB KEY SECONDS     samples concierge_replication_lag_seconds every 100 ms
//   java Bench.java answered HUB STUB SECRET
//                                           posts one webhook (again until it is accepted) and prints the
//                                           milliseconds until its answer reaches the stub
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class Bench {

    static final Pattern PHONE = Pattern.compile("\"phone\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "stub" -> stub(Integer.parseInt(args[1]));
            case "sign" -> sign(Integer.parseInt(args[1]), args[2], Path.of(args[3]));
            case "drive" -> drive(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]), args[5]);
            case "events" -> events(Integer.parseInt(args[1]), args[2], args[3]);
            case "lag" -> lag(args[1], args[2], Integer.parseInt(args[3]));
            case "answered" -> answered(args[1], args[2], args[3]);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    /**
     * POST /api/1/messages/send/ answers like Spoki; GET /arrivals lists "phone micros sends" lines
     * (the first arrival for a phone, and how many messages that phone was sent).
     */
    static void stub(int port) throws Exception {
        Map<String, Long> arrivals = new ConcurrentHashMap<>();
        Map<String, AtomicLong> sends = new ConcurrentHashMap<>();
        AtomicLong ids = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/api/1/messages/send/", exchange -> {
            long at = micros();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher phone = PHONE.matcher(body);
            if (phone.find()) {
                arrivals.putIfAbsent(phone.group(1), at);
                sends.computeIfAbsent(phone.group(1), k -> new AtomicLong()).incrementAndGet();
            }
            byte[] answer = ("{\"accepted\":true,\"id\":" + ids.incrementAndGet() + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        // The cloud sink of domain events: acknowledges everything.
        server.createContext("/events", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        server.createContext("/arrivals", exchange -> {
            StringBuilder lines = new StringBuilder();
            arrivals.forEach((phone, at) -> lines.append(phone).append(' ').append(at).append(' ')
                    .append(sends.get(phone)).append('\n'));
            byte[] answer = lines.toString().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        System.out.println("stub listening on " + port);
    }

    /** COUNT events, 8 at a time, each answered 202 before the next one of its thread goes. */
    static void events(int count, String hub, String key) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicLong next = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                for (long n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
                    try {
                        HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(hub + "/api/mesh/events"))
                                .header("Content-Type", "application/json").header("X-API-Key", key)
                                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"bench-" + n + "\",\"type\":\"bench.event\","
                                        + "\"data\":{\"n\":" + n + "}}")).build(), HttpResponse.BodyHandlers.discarding());
                        if (answer.statusCode() != 202) {
                            refused.incrementAndGet();
                        }
                    } catch (Exception e) {
                        refused.incrementAndGet();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (refused.get() > 0) {
            throw new IllegalStateException(refused.get() + " events were not accepted");
        }
    }

    static void sign(int count, String secret, Path file) throws Exception {
        long t = Instant.now().getEpochSecond();
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < count; i++) {
                String body = webhook("+3932" + String.format("%09d", i), "What time is breakfast?");
                out.write(signature(secret, t, body) + "\t" + body + "\n");
            }
        }
    }

    static void drive(String hub, String stub, int rate, int seconds, String secret) throws Exception {
        // HTTP/1.1 as webhook providers post; the JDK client would otherwise upgrade to h2c.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(16)).build();
        // The first second (BENCH_DRIVE_WARMUP) is not recorded: the client opens its connections and warms up.
        int warmUpSeconds = Integer.parseInt(System.getenv().getOrDefault("BENCH_DRIVE_WARMUP", "1"));
        int warmUp = rate * warmUpSeconds;
        int total = rate * seconds + warmUp;
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        List<Long> ackMicros = Collections.synchronizedList(new ArrayList<>());
        Map<Long, Long> slowAcks = new ConcurrentHashMap<>(); // start micros -> latency micros, over 50 ms
        AtomicLong failures = new AtomicLong();
        Map<String, AtomicLong> failureCauses = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(total);
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        String run = Long.toString(System.currentTimeMillis() % 100000);
        long periodNanos = 1_000_000_000L / rate;
        for (int i = 0; i < total; i++) {
            int index = i;
            String phone = "+3931" + run + String.format("%05d", i);
            clock.schedule(() -> {
                String body = webhook(phone, "Is there parking for my car?");
                HttpRequest request = HttpRequest.newBuilder(URI.create(hub + "/webhooks/spoki"))
                        .header("Content-Type", "application/json")
                        .header("X-Spoki-Signature", signature(secret, Instant.now().getEpochSecond(), body))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                long start = micros();
                boolean recorded = index >= warmUp;
                if (recorded) {
                    sentAt.put(phone, start);
                }
                http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                    if (!recorded) {
                        done.countDown();
                        return;
                    }
                    if (error != null || response.statusCode() != 200) {
                        failures.incrementAndGet();
                        String cause = error != null ? String.valueOf(error.getCause() != null ? error.getCause() : error)
                                : "HTTP " + response.statusCode();
                        failureCauses.computeIfAbsent(cause, k -> new AtomicLong()).incrementAndGet();
                    } else {
                        long took = micros() - start;
                        ackMicros.add(took);
                        if (took > 50_000) {
                            slowAcks.put(start, took);
                        }
                    }
                    done.countDown();
                });
            }, i * periodNanos, TimeUnit.NANOSECONDS);
        }
        done.await(seconds + 30L, TimeUnit.SECONDS);
        clock.shutdown();
        // Wait for the answers to reach the stub.
        Map<String, Long> arrivals = Map.of();
        for (int wait = 0; wait < 60; wait++) {
            arrivals = arrivals(http, stub);
            if (sentAt.keySet().stream().allMatch(arrivals::containsKey)) {
                break;
            }
            Thread.sleep(500);
        }
        Map<String, Long> sends = sendsByPhone(http, stub);
        long repeated = sentAt.keySet().stream().filter(phone -> sends.getOrDefault(phone, 0L) > 1).count();
        List<Long> endToEnd = new ArrayList<>();
        // End-to-end also by the second the webhook was sent: shows whether a high p99 is one stall or many.
        Map<Long, List<Long>> bySecond = new TreeMap<>();
        long first = sentAt.values().stream().min(Long::compare).orElse(0L);
        for (Map.Entry<String, Long> sent : sentAt.entrySet()) {
            Long arrived = arrivals.get(sent.getKey());
            if (arrived != null) {
                endToEnd.add(arrived - sent.getValue());
                bySecond.computeIfAbsent((sent.getValue() - first) / 1_000_000, k -> new ArrayList<>())
                        .add(arrived - sent.getValue());
            }
        }
        System.out.printf("fixed-rate run: %d webhooks at %d/s after %d s of warm-up, %d failed, %d answers received,"
                + " %d answered more than once%n", total - warmUp, rate, warmUpSeconds, failures.get(), endToEnd.size(), repeated);
        if (System.getenv("BENCH_SHOW_SLOW") != null) {
            slowAcks.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> System.out.printf(
                    "  slow ack: sent %s took %d ms%n", Instant.ofEpochMilli(e.getKey() / 1000), e.getValue() / 1000));
            bySecond.forEach((second, micros) -> System.out.printf("  second %d: %d answers, end-to-end p50 %s max %s%n",
                    second, micros.size(), ms(micros, 50), ms(micros, 100)));
        }
        failureCauses.forEach((cause, count) -> System.out.printf("  failed: %d x %s%n", count.get(), cause));
        System.out.printf("ack latency at %d/s:        p50 %s  p99 %s%n", rate, ms(ackMicros, 50), ms(ackMicros, 99));
        System.out.printf("end-to-end latency at %d/s: p50 %s  p99 %s%n", rate, ms(endToEnd, 50), ms(endToEnd, 99));
        System.exit(0);
    }

    /** The active node's replication lag as /metrics shows it, every 100 ms: p50, p99 and max. */
    static void lag(String hub, String key, int seconds) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Pattern gauge = Pattern.compile("(?m)^concierge_replication_lag_seconds(?:\\{[^}]*\\})? (\\S+)$");
        List<Long> samples = new ArrayList<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            String metrics = http.send(HttpRequest.newBuilder(URI.create(hub + "/metrics")).header("X-API-Key", key).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher value = gauge.matcher(metrics);
            if (value.find()) {
                samples.add((long) (Double.parseDouble(value.group(1)) * 1_000_000));
            }
            Thread.sleep(100);
        }
        System.out.printf("replication lag (primary's gauge, %d samples): p50 %s  p99 %s  max %s%n", samples.size(),
                ms(samples, 50), ms(samples, 99), ms(samples, 100));
    }

    /** One guest message into HUB, repeated until accepted; ms until its answer reaches the stub. */
    static void answered(String hub, String stub, String secret) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long start = System.nanoTime();
        String phone = "+3930" + (System.currentTimeMillis() % 1_000_000_000L);
        String body = webhook(phone, "Is breakfast included?");
        while (true) {
            try {
                int status = http.send(HttpRequest.newBuilder(URI.create(hub + "/webhooks/spoki"))
                        .header("Content-Type", "application/json")
                        .header("X-Spoki-Signature", signature(secret, Instant.now().getEpochSecond(), body))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    break;
                }
            } catch (java.io.IOException notYet) {
                // the node is not listening yet
            }
            Thread.sleep(100);
        }
        while (!arrivals(http, stub).containsKey(phone)) {
            Thread.sleep(50);
        }
        System.out.println((System.nanoTime() - start) / 1_000_000);
    }

    static Map<String, Long> arrivals(HttpClient http, String stub) throws Exception {
        return arrivalsColumn(http, stub, 1);
    }

    /** One column of the stub's /arrivals lines, by phone. */
    static Map<String, Long> arrivalsColumn(HttpClient http, String stub, int column) throws Exception {
        String lines = http.send(HttpRequest.newBuilder(URI.create(stub + "/arrivals")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Long> result = new ConcurrentHashMap<>();
        for (String line : lines.split("\n")) {
            String[] parts = line.split(" ");
            if (parts.length > column) {
                result.put(parts[0], Long.parseLong(parts[column]));
            }
        }
        return result;
    }

    /** How many messages the stub received for each phone. */
    static Map<String, Long> sendsByPhone(HttpClient http, String stub) throws Exception {
        return arrivalsColumn(http, stub, 2);
    }

    static String ms(List<Long> micros, int percentile) {
        if (micros.isEmpty()) {
            return "n/a";
        }
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        long value = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
        return String.format("%.1f ms", value / 1000.0);
    }

    static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    static String webhook(String phone, String text) {
        String id = UUID.randomUUID().toString();
        return "{\"version\":2,\"event\":\"message.inbound\",\"event_uuid\":\"ev-" + id + "\",\"timestamp\":"
                + Instant.now().getEpochSecond() + ",\"data\":{\"uuid\":\"msg-" + id + "\",\"from_phone\":\"" + phone
                + "\",\"text\":\"" + text + "\"}}";
    }

    static String signature(String secret, long t, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "t=" + t + ",v2=" + HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
