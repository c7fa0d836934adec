package io.github.flowanomaly.cli;

import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;

/**
 * Looks up configured components by name with clear errors.
 */
final class Lookups {

    private Lookups() {}

    static Object component(ConfigurationManager cm, String name, Class<?> expected) {
        if (!cm.getComponentNames().contains(name)) {
            throw new IllegalArgumentException("The configuration has no component named '" + name + "'; found "
                    + cm.getComponentNames());
        }
        Object component = cm.lookup(name);
        if (!expected.isInstance(component)) {
            throw new IllegalArgumentException("Component '" + name + "' is a " + component.getClass().getName()
                    + ", expected a " + expected.getName());
        }
        return component;
    }
}
