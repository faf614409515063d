package io.conciergehub.store;

import java.sql.SQLException;

/** A database failure; unchecked so that route beans can let Camel's error handling see it. */
public class StoreException extends RuntimeException {
    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
