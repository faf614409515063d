package io.conciergehub.concierge;

import io.conciergehub.store.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.PropertiesResolvedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hotel's facts: every {@code hotel.*} setting, under the placeholder the knowledge files name
 * it by ({@code hotel.pet-fee} or env {@code HOTEL_PET_FEE} → {@code {pet_fee}}), and which of them
 * are still the demo hotel's, shipped in {@code application.properties}.
 */
public final class HotelFacts {

    private static final Logger LOG = LoggerFactory.getLogger(HotelFacts.class);
    private static final String KEY_PREFIX = "hotel.";
    private static final String VARIABLE_PREFIX = "HOTEL_";
    /** Where Camel says a value came from when it is the jar's own properties file. */
    private static final String SHIPPED = "classpath:";

    private final Map<String, String> values;
    private final List<String> demoKeys;

    private HotelFacts(Map<String, String> values, List<String> demoKeys) {
        this.values = values;
        this.demoKeys = demoKeys;
    }

    /**
     * Camel resolves the variable of a key it knows ({@code HOTEL_WIFI_PASSWORD} for
     * {@code hotel.wifi-password}) but lists no variables: a fact set only in the environment
     * ({@code HOTEL_PET_FEE}) is taken from {@code environment} here. A blank value is no value.
     */
    public static HotelFacts read(PropertiesComponent properties, Map<String, String> environment) {
        Map<String, String> values = new TreeMap<>();
        List<String> demoKeys = new ArrayList<>();
        for (String key : new TreeSet<>(properties.loadProperties(k -> k.startsWith(KEY_PREFIX)).stringPropertyNames())) {
            values.put(placeholder(key.substring(KEY_PREFIX.length())), properties.resolveProperty(key).orElse("").strip());
            if (properties.getResolvedValue(key).map(PropertiesResolvedValue::source)
                    .filter(source -> source.startsWith(SHIPPED)).isPresent()) {
                demoKeys.add(key);
            }
        }
        environment.forEach((variable, value) -> {
            if (variable.startsWith(VARIABLE_PREFIX)) {
                values.putIfAbsent(placeholder(variable.substring(VARIABLE_PREFIX.length())), value.strip());
            }
        });
        values.values().removeIf(String::isEmpty);
        return new HotelFacts(values, demoKeys);
    }

    /** {@code pet-fee}, {@code PET_FEE} → {@code pet_fee}. */
    static String placeholder(String name) {
        return name.toLowerCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }

    /** The setting and the variable an operator sets for a placeholder. */
    static String settingOf(String placeholder) {
        return KEY_PREFIX + placeholder.replace('_', '-') + " (env " + VARIABLE_PREFIX
                + placeholder.toUpperCase(Locale.ROOT) + ")";
    }

    /** Placeholder → value, for every fact that has one. */
    public Map<String, String> values() {
        return values;
    }

    /**
     * Demo facts are for trying the hub: it says so in one line, and a real provider would tell
     * real guests the demo hotel's Wi-Fi password, so it is refused unless {@code allowed}.
     */
    public void requireOwnFactsFor(String provider, boolean allowed) {
        if (demoKeys.isEmpty()) {
            return;
        }
        if (!provider.equals("log") && !allowed) {
            throw new ConfigurationException("messaging.provider = '" + provider + "' answers real guests, but "
                    + String.join(", ", demoKeys) + " still have the demo hotel's values: set the hotel's own"
                    + " (HOTEL_* variables), or concierge.allow-demo-facts=true to try the hub with them");
        }
        LOG.info("event=concierge.demo-facts facts={} reason=\"guests get the demo hotel's example facts until the"
                + " hotel sets its own\"", String.join(",", demoKeys));
    }
}
