// Named people from config/directory.demo.json, so tests read like the domain.
export interface DemoUser { aadObjectId: string; name: string }

export const DEMO_TENANT = '00000000-0000-0000-0000-0000000000001';

const person = (n: number, name: string): DemoUser => ({ aadObjectId: `00000000-0000-0000-0000-00000000000${n}`, name });

export const socialWorker = person(20, 'Demo Social Worker');
export const leadPractitioner = person(21, 'Demo Lead Practitioner');
export const hubManager = person(22, 'Demo Hub Manager');
export const datManager = person(23, 'Demo DAT Manager');
export const gradeIPractitioner = person(24, 'Demo Senior Practitioner');
export const admin = person(25, 'Demo Administrator');
export const gradeGPractitioner = person(26, 'Demo Family Practitioner');
export const southHubManager = person(27, 'Demo South Hub Manager');
export const southPractitioner = person(28, 'Demo South Practitioner');
export const socialWorkerB = person(29, 'Demo Social Worker B');
export const stranger: DemoUser = { aadObjectId: '00000000-0000-0000-0000-000000000999', name: 'Unknown Visitor' };

// Plymouth, Bradford and Home-Start people of the demo directory.
export const plymouthHubManager = person(30, 'Demo Plymouth Hub Manager');
export const plymouthPractitioner = person(31, 'Demo Plymouth Hub Practitioner');
export const targetedSupportManager = person(32, 'Demo Targeted Support Manager');
export const targetedSupportPractitioner = person(33, 'Demo Targeted Support Practitioner');
export const targetedSupportPractitionerB = person(34, 'Demo Targeted Support Practitioner B');
export const plymouthSocialWorker = person(35, 'Demo Plymouth Social Worker');
export const bradfordNorthManager = person(36, 'Demo Bradford North Hub Manager');
export const bradfordKeyWorker = person(37, 'Demo Bradford Key Worker');
export const bradfordKeyWorkerB = person(38, 'Demo Bradford Key Worker B');
export const homeStartManager = person(42, 'Demo Home-Start Scheme Manager');
export const homeStartCoordinator = person(43, 'Demo Home-Start Coordinator');
