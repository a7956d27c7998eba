// Named people from config/directory.demo.json, so tests read like the domain.
export interface DemoUser { aadObjectId: string; name: string }

export const DEMO_TENANT = '00000000-0000-0000-0000-0000000000001';

const person = (n: number, name: string): DemoUser => ({ aadObjectId: `00000000-0000-0000-0000-00000000000${n}`, name });

export const socialWorker = person(20, 'Demo Social Worker');
export const leadPractitioner = person(21, 'Demo Lead Practitioner');
export const hubManager = person(22, 'Demo Hub Manager');
export const datManager = person(23, 'Demo DAT Manager');
export const gradeIPractitioner = person(24, 'Demo Practitioner (grade I)');
export const admin = person(25, 'Demo Administrator');
export const gradeGPractitioner = person(26, 'Demo Practitioner (grade G)');
export const southHubManager = person(27, 'Demo South Hub Manager');
export const southPractitioner = person(28, 'Demo South Practitioner');
export const socialWorkerB = person(29, 'Demo Social Worker B');
export const stranger: DemoUser = { aadObjectId: '00000000-0000-0000-0000-000000000999', name: 'Unknown Visitor' };
