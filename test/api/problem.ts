/** Assertions on problem documents, shared by the API tests. */
import { expect } from 'chai';
import type { Response } from 'supertest';
import type { ProblemDto } from '../../shared/dto';

export function expectProblem(res: Response, status: number, fields: string[] = []): ProblemDto {
  expect(res.status, JSON.stringify(res.body)).to.equal(status);
  expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
  const problem = res.body as ProblemDto;
  expect(problem.status).to.equal(status);
  expect(problem.type).to.be.a('string');
  expect(problem.title).to.be.a('string');
  const named = (problem.errors ?? []).map((e) => e.field);
  for (const field of fields) expect(named, `errors[] should name ${field}`).to.include(field);
  return problem;
}
