/** Per-alert suppression status (types.Marker): which silences and inhibiting alerts mute it. */
export type AlertState = 'unprocessed' | 'active' | 'suppressed';

export interface AlertStatus {
  state: AlertState;
  silencedBy: string[];
  inhibitedBy: string[];
}

export class AlertMarker {
  private readonly m = new Map<string, { silencedBy: string[]; inhibitedBy: string[] }>();

  setSilenced(fp: string, ids: readonly string[]): void {
    const e = this.entry(fp);
    e.silencedBy = [...ids];
  }

  setInhibited(fp: string, ids: readonly string[]): void {
    const e = this.entry(fp);
    e.inhibitedBy = [...ids];
  }

  status(fp: string): AlertStatus {
    const e = this.m.get(fp);
    if (e === undefined) return { state: 'unprocessed', silencedBy: [], inhibitedBy: [] };
    const suppressed = e.silencedBy.length > 0 || e.inhibitedBy.length > 0;
    return { state: suppressed ? 'suppressed' : 'active', silencedBy: [...e.silencedBy], inhibitedBy: [...e.inhibitedBy] };
  }

  delete(fp: string): void {
    this.m.delete(fp);
  }

  private entry(fp: string): { silencedBy: string[]; inhibitedBy: string[] } {
    let e = this.m.get(fp);
    if (e === undefined) {
      e = { silencedBy: [], inhibitedBy: [] };
      this.m.set(fp, e);
    }
    return e;
  }
}
