/** The body the editor sends: the plan document as it is now, with ids. */
// biome-ignore lint/suspicious/noExplicitAny: a plan detail as JSON, straight from the API
export function documentOf(detail: any) {
  return {
    version: detail.plan.version,
    standard: detail.plan.standard,
    startDate: detail.plan.startDate,
    endDate: detail.plan.endDate,
    cadenceDays: detail.plan.cadenceDays,
    goodFaith: detail.plan.goodFaith,
    goodFaithNote: detail.plan.goodFaithNote,
    hrPartnerId: detail.plan.hrPartner?.id ?? null,
    evidence: detail.evidence.map((e: Record<string, unknown>) => ({
      id: e.id,
      kind: e.kind,
      title: e.title,
      description: e.description,
      impact: e.impact,
      occurredOn: e.occurredOn,
      unit: e.unit,
      source: e.source,
      series: e.series,
    })),
    causes: detail.causes.map((c: Record<string, unknown>) => ({ cause: c.cause, notes: c.notes })),
    goals: detail.goals.map((g: Record<string, unknown> & { resources: []; milestones: [] }) => ({
      id: g.id,
      description: g.description,
      metric: g.metric,
      unit: g.unit,
      direction: g.direction,
      baseline: g.baseline,
      target: g.target,
      measurement: g.measurement,
      dueDate: g.dueDate,
      resources: g.resources.map((r: Record<string, unknown>) => ({
        id: r.id,
        kind: r.kind,
        description: r.description,
        link: r.link,
        mentorId: r.mentorId,
        hoursPerWeek: r.hoursPerWeek,
        status: r.status,
      })),
      milestones: g.milestones.map((m: Record<string, unknown>) => ({
        id: m.id,
        title: m.title,
        dueDate: m.dueDate,
        target: m.target,
        earlyWin: m.earlyWin,
      })),
    })),
  };
}
