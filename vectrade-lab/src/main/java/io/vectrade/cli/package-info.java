/** The picocli command line: one tool, one subcommand per job. */
package io.vectrade.cli;
