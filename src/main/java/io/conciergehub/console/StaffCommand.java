package io.conciergehub.console;

import io.conciergehub.store.ConfigurationException;
import io.conciergehub.store.DataDirLock;
import io.conciergehub.store.Database;
import io.conciergehub.store.FieldCrypto;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The operator's {@code staff} sub-command on a stopped hub's data directory: {@code add <name>
 * --role admin|staff} (the password from standard input, never from the command line; asked
 * twice, unechoed, when a terminal is attached), {@code password <name>}, {@code disable <name>},
 * {@code enable <name>}, {@code list}. Exit codes: 0 done, 1 refused (a hub runs on the
 * directory, the name is taken or unknown), 2 usage or configuration (one line saying what is wrong:
 * also a key that is not the one the database is encrypted with). The audit
 * table names the operator {@code cli}. With a hub running, the admin API does the same.
 */
public final class StaffCommand {

    public static final String USAGE = "staff add <name> --role admin|staff | staff password <name> | staff disable <name>"
            + " | staff enable <name> | staff list";
    private static final String ACTOR = "cli";
    /** What {@link #readPassword} answers when the two typed at the terminal differ (never a valid password). */
    private static final String DIFFERENT = "\0";

    private final Path dataDir;
    private final String encryptionKey;
    private final InputStream in;
    private final Console console;
    private final PrintStream out;
    private final PrintStream err;

    public StaffCommand(Path dataDir, String encryptionKey, InputStream in, Console console, PrintStream out,
            PrintStream err) {
        this.dataDir = dataDir;
        this.encryptionKey = encryptionKey;
        this.in = in;
        this.console = console;
        this.out = out;
        this.err = err;
    }

    /** {@code args}: what follows {@code staff}. */
    public int run(List<String> args) {
        String verb = args.isEmpty() ? "" : args.get(0);
        boolean add = verb.equals("add") && args.size() == 4 && args.get(2).equals("--role");
        boolean named = List.of("password", "disable", "enable").contains(verb) && args.size() == 2;
        if (!add && !named && !(verb.equals("list") && args.size() == 1)) {
            return usage("usage: java -jar concierge-hub.jar " + USAGE);
        }
        String name = args.size() > 1 ? args.get(1) : null;
        if (name != null) {
            Optional<String> problem = StaffAccounts.nameProblem(name);
            if (problem.isPresent()) {
                return usage("staff " + verb + ": the name " + problem.get());
            }
        }
        StaffRole role = null;
        if (add) {
            role = StaffRole.of(args.get(3)).orElse(null);
            if (role == null) {
                return usage("staff add: --role must be admin or staff");
            }
        }
        String password = null;
        if (add || verb.equals("password")) {
            password = readPassword(name);
            if (password == null) {
                return usage("staff " + verb + ": no password on standard input (type it, or pipe it in: never on the"
                        + " command line)");
            }
            Optional<String> problem = password.equals(DIFFERENT) ? Optional.of("was not typed the same twice")
                    : Passwords.problem(password);
            if (problem.isPresent()) {
                return usage("staff " + verb + ": the password " + problem.get());
            }
        }
        DataDirLock lock;
        try {
            lock = DataDirLock.acquire(dataDir);
        } catch (IllegalStateException running) {
            err.println("staff " + verb + " refused: " + running.getMessage()
                    + "; stop it first, or use the admin API (POST /api/console/staff)");
            return 1;
        }
        if (withoutTheHubsKey()) {
            try (lock) {
                return configurationError("concierge.encryption-key is not set and " + dataDir.toAbsolutePath()
                        + " has no encryption.key, though it holds the hub's database: run the command with the"
                        + " hub's settings (its env file)");
            }
        }
        try (lock; Database db = Database.open(dataDir, true, FieldCrypto.fromConfiguredKeyOrFile(encryptionKey,
                dataDir))) {
            StaffAccounts accounts = new StaffAccounts(db, Clock.systemUTC());
            return switch (verb) {
                case "add" -> add(accounts, name, role, password);
                case "list" -> list(accounts);
                case "password" -> done(accounts.setPassword(name, new Passwords().hash(password), ACTOR),
                        "password of %s reset; its sessions ended");
                case "disable" -> done(accounts.setDisabled(name, true, ACTOR), "%s disabled; its sessions ended");
                default -> done(accounts.setDisabled(name, false, ACTOR), "%s enabled");
            };
        } catch (ConfigurationException anotherKey) {
            return configurationError(anotherKey.getMessage());
        }
    }

    /**
     * Run without the hub's settings, on a data directory whose key is configured (the env file):
     * the key file would be made anew, a key the database's data is not encrypted with.
     */
    private boolean withoutTheHubsKey() {
        return (encryptionKey == null || encryptionKey.isBlank()) && Files.exists(dataDir.resolve("hub.db"))
                && !Files.exists(dataDir.resolve("encryption.key"));
    }

    /** Like the hub's start: one line naming the setting, exit code 2. */
    private int configurationError(String line) {
        err.println("concierge-hub: configuration error: " + line);
        return 2;
    }

    private int add(StaffAccounts accounts, String name, StaffRole role, String password) {
        try {
            StaffAccount created = accounts.create(name, role, new Passwords().hash(password), ACTOR);
            out.println("staff account " + created.name() + " created, role " + role.label());
            return 0;
        } catch (StaffAccounts.NameTaken taken) {
            err.println("staff add refused: an account with this name exists (names are unique whatever their case)");
            return 1;
        }
    }

    private int list(StaffAccounts accounts) {
        long now = System.currentTimeMillis();
        for (StaffAccount account : accounts.list()) {
            out.println(account.name() + "\t" + account.role().label() + "\t"
                    + (account.disabled() ? "disabled" : account.lockedAt(now) ? "locked" : "enabled"));
        }
        return 0;
    }

    private int done(Optional<StaffAccount> account, String message) {
        if (account.isEmpty()) {
            err.println("refused: no staff account has this name");
            return 1;
        }
        out.println(message.formatted(account.get().name()));
        return 0;
    }

    /** From the terminal, asked twice and unechoed; else the first line of standard input. Null when there is none. */
    private String readPassword(String name) {
        if (console != null) {
            char[] first = console.readPassword("Password for %s (at least %d characters): ", name, Passwords.MIN_LENGTH);
            char[] again = first == null ? null : console.readPassword("The same again: ");
            if (first == null || again == null) {
                return null;
            }
            if (!Arrays.equals(first, again)) {
                return DIFFERENT;
            }
            return new String(first);
        }
        try {
            String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            return line == null || line.isEmpty() ? null : line;
        } catch (IOException unreadable) {
            return null;
        }
    }

    private int usage(String line) {
        err.println(line);
        return 2;
    }
}
