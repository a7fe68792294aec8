package org.lenetlab.train;

import java.util.Locale;

/**
 * How big a run should be: {@code smoke} (small data, few epochs: CI and a first look, minutes on a laptop) or
 * {@code full} (the real chapter). Chosen with the system property {@value #PROPERTY} (set by {@code ./lenet run
 * --profile} for the notebooks it runs in-process) or else the environment variable {@value #ENV} (default
 * {@code smoke}), read by the CLI and the notebooks so one switch scales the whole course.
 */
public enum RunProfile {
    /** Small and fast. */
    SMOKE,
    /** The real thing. */
    FULL;

    /** Environment variable that selects the profile. */
    public static final String ENV = "LENETLAB_PROFILE";

    /** System property that selects the profile; wins over {@value #ENV}. */
    public static final String PROPERTY = "lenetlab.profile";

    /**
     * @return the profile named by {@value #PROPERTY}, else by {@value #ENV}, {@link #SMOKE} when neither is set
     * @throws IllegalArgumentException if the setting holds something else than {@code smoke} or {@code full}
     */
    public static RunProfile current() {
        String property = System.getProperty(PROPERTY);
        return parse(property != null && !property.isBlank() ? property : System.getenv(ENV));
    }

    /**
     * @param value {@code smoke}, {@code full} (any case) or {@code null}/blank for the default
     * @return the profile
     * @throws IllegalArgumentException for any other value, naming the variable and the valid values
     */
    public static RunProfile parse(String value) {
        if (value == null || value.isBlank()) {
            return SMOKE;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "smoke" -> SMOKE;
            case "full" -> FULL;
            default -> throw new IllegalArgumentException(
                    ENV + "=" + value + " is not a profile; use " + ENV + "=smoke (small, fast) or " + ENV + "=full");
        };
    }

    /**
     * Picks the value for this profile.
     *
     * @param smoke value for {@link #SMOKE}
     * @param full  value for {@link #FULL}
     * @param <T>   value type
     * @return {@code smoke} or {@code full}
     */
    public <T> T pick(T smoke, T full) {
        return this == SMOKE ? smoke : full;
    }

    /** @return the profile name in lower case, as written in {@value #ENV} */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
