package io.conciergehub.store;

/**
 * A setting the hub cannot read one way only. The start stops with this message alone, one line
 * that names the setting, and exit code 2 (see {@code Application}).
 */
public class ConfigurationException extends IllegalArgumentException {

    public ConfigurationException(String message) {
        super(message);
    }
}
