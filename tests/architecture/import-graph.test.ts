import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cyclesOf, featureOf, isTestOnly, readImportGraph, type ImportEdge } from './import-graph';

/**
 * The house's dependency rules (issue 13), checked on every `npm test`: dependencies between
 * feature folders run one way, production code never reaches into test-only code, and the three
 * parts meet only through `shared/`.
 */
const graph = readImportGraph(resolve(import.meta.dirname, '../..'));
const production = graph.edges.filter((edge) => !isTestOnly(edge.from));

/** Each offending edge as `from -> to`, so a failure names the import to move. */
const describeEdges = (edges: ImportEdge[]) => edges.map((edge) => `${edge.from} -> ${edge.to}`);

describe('the import graph', () => {
  it('reads the sources (a graph with no edges would pass everything)', () => {
    expect(graph.files.length).toBeGreaterThan(200);
    expect(production.length).toBeGreaterThan(500);
  });

  it('has no cycle between feature folders', () => {
    const between = production
      .map((edge) => ({ from: featureOf(edge.from), to: featureOf(edge.to) }))
      .filter((edge) => edge.from !== edge.to);
    const features = [...new Set(graph.files.filter((file) => !isTestOnly(file)).map(featureOf))];
    const cycles = cyclesOf(features, between).map((members) => ({
      folders: members,
      imports: describeEdges(production.filter((edge) => members.includes(featureOf(edge.from)) && members.includes(featureOf(edge.to)) && featureOf(edge.from) !== featureOf(edge.to))),
    }));
    expect(cycles).toEqual([]);
  });

  it('keeps test-only modules out of production code', () => {
    expect(describeEdges(production.filter((edge) => isTestOnly(edge.to)))).toEqual([]);
  });

  it('lets shared/ depend on nothing of the backend or the extension', () => {
    expect(describeEdges(graph.edges.filter((edge) => edge.from.startsWith('shared/') && !edge.to.startsWith('shared/')))).toEqual([]);
  });

  it('keeps the backend and the extension apart (they meet in shared/)', () => {
    const crossing = graph.edges.filter(
      (edge) =>
        (edge.from.startsWith('backend/') && edge.to.startsWith('extension/')) ||
        (edge.from.startsWith('extension/') && edge.to.startsWith('backend/') && !isTestOnly(edge.from)),
    );
    expect(describeEdges(crossing)).toEqual([]);
  });
});
