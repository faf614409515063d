/**
 * Starts hawtio-embedded with its command-line options: in 3.0.0 its Main.main ignores them, and
 * only Main.run(String...) reads them. Run in source-file mode by scripts/hawtio.sh.
 */
public final class HawtioLauncher {

    private HawtioLauncher() {
    }

    public static void main(String[] args) {
        io.hawt.embedded.Main.run(args);
    }
}
