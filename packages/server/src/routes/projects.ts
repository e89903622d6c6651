import {
  createProject,
  deleteProject,
  disableProjectProduct,
  enableCertificate,
  enableProjectProduct,
  getProject,
  idParam,
  intParam,
  listProjectProducts,
  listProjects,
  pageQuerySchema,
  parse,
  productEnableSchema,
  projectCreateSchema,
  projectListQuerySchema,
  projectUpdateSchema,
  revealCertificate,
  rotateCertificate,
  setProjectEnabled,
  updateProject,
} from '@rtc-console/core';
import { z } from 'zod';
import type { ApiDeps } from '../deps.js';
import { defineRoutes } from '../http/route-table.js';
import { companyContext } from '../http/company-context.js';

const listSchema = pageQuerySchema.extend(projectListQuerySchema.shape);
const deleteSchema = z.object({ confirmName: z.string().max(255) });
const id = (req: { params: Record<string, unknown> }) => idParam(req.params.id as string, 'Project');

export function projectRoutes(_deps: ApiDeps) {
  return defineRoutes([
    {
      method: 'get', path: '/', summary: 'Projects (sort by created time, name, status; search name or App ID; filter status)', access: { auth: 'company', can: ['read', 'Project'] },
      async handler(req, res) {
        res.json(await listProjects(companyContext(req), parse(listSchema, req.query)));
      },
    },
    {
      method: 'post', path: '/', summary: 'Create a project (a new App ID)', access: { auth: 'company', can: ['create', 'Project'] },
      async handler(req, res) {
        res.status(201).json(await createProject(companyContext(req), parse(projectCreateSchema, req.body)));
      },
    },
    {
      method: 'get', path: '/:id', summary: 'One project', access: { auth: 'company', can: ['read', 'Project'] },
      async handler(req, res) {
        res.json(await getProject(companyContext(req), id(req)));
      },
    },
    {
      method: 'patch', path: '/:id', summary: 'Rename, set recording servers, region or billing type', access: { auth: 'company', can: ['update', 'Project'] },
      async handler(req, res) {
        res.json(await updateProject(companyContext(req), id(req), parse(projectUpdateSchema, req.body)));
      },
    },
    {
      method: 'post', path: '/:id/enable', summary: 'Enable a project', access: { auth: 'company', can: ['update', 'Project'] },
      async handler(req, res) {
        res.json(await setProjectEnabled(companyContext(req), id(req), true));
      },
    },
    {
      method: 'post', path: '/:id/disable', summary: 'Disable a project (its traffic is refused)', access: { auth: 'company', can: ['update', 'Project'] },
      async handler(req, res) {
        res.json(await setProjectEnabled(companyContext(req), id(req), false));
      },
    },
    {
      method: 'delete', path: '/:id', summary: 'Delete a project for good and purge its data (type its name to confirm)', access: { auth: 'company', can: ['delete', 'Project'] },
      async handler(req, res) {
        const { confirmName } = parse(deleteSchema, req.body);
        res.json(await deleteProject(companyContext(req), id(req), confirmName));
      },
    },
    {
      method: 'get', path: '/:id/products', summary: 'Products enabled on the project (mini app, CDN live streaming, cloud recording)', access: { auth: 'company', can: ['read', 'Project'] },
      async handler(req, res) {
        const rows = await listProjectProducts(companyContext(req), id(req));
        res.json({ rows, count: rows.length });
      },
    },
    {
      method: 'post', path: '/:id/products', summary: 'Enable a product on the project (seed 003 "UAP self-service")', access: { auth: 'company', can: ['update', 'Project'] },
      async handler(req, res) {
        const { product } = await enableProjectProduct(companyContext(req), id(req), parse(productEnableSchema, req.body));
        res.status(201).json(product);
      },
    },
    {
      method: 'delete', path: '/:id/products/:typeId', summary: 'Disable a product on the project', access: { auth: 'company', can: ['update', 'Project'] },
      async handler(req, res) {
        res.json(await disableProjectProduct(companyContext(req), id(req), intParam(req.params.typeId as string, 'Product')));
      },
    },
    {
      method: 'post', path: '/:id/certificate', summary: 'Enable the App Certificate (shows it)', access: { auth: 'company', can: ['manage', 'AppCertificate'] }, reauth: true,
      async handler(req, res) {
        res.status(201).json(await enableCertificate(companyContext(req), id(req)));
      },
    },
    {
      method: 'post', path: '/:id/certificate/reveal', summary: 'Show the App Certificate', access: { auth: 'company', can: ['manage', 'AppCertificate'] }, reauth: true,
      async handler(req, res) {
        res.json(await revealCertificate(companyContext(req), id(req)));
      },
    },
    {
      method: 'post', path: '/:id/certificate/rotate', summary: 'Replace the App Certificate', access: { auth: 'company', can: ['manage', 'AppCertificate'] }, reauth: true,
      async handler(req, res) {
        res.json(await rotateCertificate(companyContext(req), id(req)));
      },
    },
  ]);
}
