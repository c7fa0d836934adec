/**
 * Runnable examples of the library's Java API.
 */
package io.github.flowanomaly.examples;
