/**
 * Provenance helpers: JSON export of Tribuo/OLCUT provenance for experiment records.
 */
package io.github.flowanomaly.tribuo.provenance;
