// `show switch stack-ports` on Dell OS6: which front ports run in stack mode and whether their
// link is up. Pure. A unit whose stack ports are all down is cut off from the stack (the
// management unit treats it as gone after the keep-alive timeout).
//
// Real capture (napalm-dellos6):
// Interface Stack Mode Stack Mode Status       Speed (Gb/s) Status
// --------- ---------- ---------- ------------ ------------ ------------
// Te1/0/23  Stack      Stack      Link Up      10           Enabled

export interface StackPort {
  port: string;
  unit: number;
  configured: string;
  running: string;
  up: boolean;
}

export function parseStackPorts(output: string): StackPort[] {
  const ports: StackPort[] = [];
  for (const line of output.replace(/\r/g, '').split('\n')) {
    const m = /^([A-Za-z]+(\d+)\/\d+\/\d+)\s+(\S+)\s+(\S+)\s+(Link (?:Up|Down))\b/.exec(line);
    if (!m) continue;
    ports.push({ port: m[1]!, unit: Number(m[2]), configured: m[3]!, running: m[4]!, up: m[5] === 'Link Up' });
  }
  return ports;
}

/** The ports running as stack ports. */
export const stackLinks = (ports: StackPort[]): StackPort[] => ports.filter((p) => p.running === 'Stack');
