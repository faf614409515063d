package io.conciergehub.store;

import java.io.IOException;

/** A database whose every log sync fails from now on, as a dying disk's fsync does. */
public final class BrokenDisk {

    private BrokenDisk() {
    }

    public static void under(Database db) {
        db.syncLogWith(() -> {
            throw new IOException("Input/output error");
        });
    }
}
