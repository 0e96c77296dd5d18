/**
 * What a benchmark scenario is (its spec, the timing it runs with, the rows
 * it adds to the report) and what one run of it yields. The scenario lists
 * (`scenarios.ts`, `limit_scenarios.ts`) and the report share these shapes.
 *
 * @module
 */

import type { Scenario } from "./load_client.ts";
import type { ScenarioResult } from "./scenario_result.ts";
import type { StartOptions } from "./servers.ts";

/** How long each run lasts. */
export interface Timing {
  warmupMs: number;
  durationMs: number;
  idleConnections: number;
  /** WebSockets the crowd scenario holds. */
  crowdConnections: number;
  /** How long memory is watched after the crowd has left. */
  watchMs: number;
}

/** A figure of a scenario's own, shown as a row of the report's table. */
export interface ExtraRow {
  label: string;
  of(run: Run): number;
}

/** A named scenario and what it reports. */
export interface ScenarioSpec {
  key: string;
  title: string;
  /** The headline figure's unit, e.g. `msg/s`. */
  unit: string;
  /** Whether the headline figure is better when higher. */
  higherIsBetter: boolean;
  /** Whether p50/p99 round trips are worth reporting. */
  latency: boolean;
  scenario(timing: Timing): Omit<Scenario, "port" | "serverPid">;
  /**
   * A well-behaved client run in a process of its own at the same time,
   * whose round trips the run reports instead of the scenario's.
   */
  bystander?(timing: Timing): Omit<Scenario, "port" | "serverPid">;
  /** The headline figure of one run. */
  figure(result: ScenarioResult): number;
  /** Servers started afresh for each run, and how. */
  fresh?(timing: Timing): StartOptions;
  /** Open files the load client needs; its limit is raised towards it. */
  clientOpenFiles?(timing: Timing): number;
  /** More rows for the report. */
  rows?: ExtraRow[];
}

/** One run's figures. */
export interface Run {
  figure: number;
  p50Us: number;
  p99Us: number;
  /** The highest round trip, within the histogram's 2.2 %. */
  maxUs: number;
  /** Round trips measured. */
  samples: number;
  /** CPU used over the measured window, in % of one core. */
  serverCpu: number;
  clientCpu: number;
  result: ScenarioResult;
}
