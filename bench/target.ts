// One figure checked against its target, as each part of the benchmark reports it and the report prints it.
export interface TargetCheck {
  name: string;
  actual: number;
  limit: string;
  pass: boolean;
}
