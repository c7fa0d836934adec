/**
 * The {@code flowad} command line: {@code experiment}, {@code train}, {@code score}, {@code evaluate} and
 * {@code bench} sub-commands over OLCUT configuration files, with OLCUT's {@code -c/--config-file},
 * {@code --usage} and {@code --@component.field value} overrides.
 */
package io.github.flowanomaly.cli;
