import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles, UserRole } from '@app/accounts';
import {
  CreatedDto,
  CreateGroupDto,
  GroupsService,
  GroupView,
  InvitationView,
  InviteDto,
  MemberView,
  OpenGroupView,
  SetRoleDto,
  TransferOwnershipDto,
  UpdateGroupDto,
} from '@app/groups';
import { ApiErrors } from '../openapi';
import { groupCaller } from './group-caller';

/**
 * Closed user groups and their memberships. A group is invisible to anyone who is not an active
 * member of it: every group route answers 404 to them, exactly as for a group that does not exist.
 */
@ApiTags('groups')
@ApiBearerAuth()
@Controller()
export class GroupsController {
  constructor(private readonly groups: GroupsService) {}

  @Roles(UserRole.Admin, UserRole.RtcStaff, 'coordinator')
  @Post('groups')
  @ApiCreatedResponse({ type: CreatedDto })
  @ApiErrors(400, 401, 403)
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateGroupDto): Promise<CreatedDto> {
    return this.groups.create(groupCaller(user), body);
  }

  @Get('groups')
  @ApiOkResponse({ type: [GroupView], description: 'The groups the caller is an active member of' })
  @ApiErrors(401)
  mine(@CurrentUser() user: AuthenticatedUser): Promise<GroupView[]> {
    return this.groups.listMine(groupCaller(user));
  }

  @Get('groups/open')
  @ApiOkResponse({ type: [OpenGroupView], description: 'Groups open for join requests that the caller is not in' })
  @ApiErrors(401)
  open(@CurrentUser() user: AuthenticatedUser): Promise<OpenGroupView[]> {
    return this.groups.listOpen(groupCaller(user));
  }

  @Get('groups/:id')
  @ApiOkResponse({ type: GroupView })
  @ApiErrors(400, 401, 404)
  get(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<GroupView> {
    return this.groups.get(groupCaller(user), id);
  }

  @Patch('groups/:id')
  @ApiOkResponse({ type: GroupView, description: 'Moderators edit; the owner archives and unarchives' })
  @ApiErrors(400, 401, 403, 404, 409)
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateGroupDto,
  ): Promise<GroupView> {
    return this.groups.update(groupCaller(user), id, body);
  }

  @Get('groups/:id/members')
  @ApiOkResponse({ type: [MemberView], description: 'Active members; moderators also see invitations and requests' })
  @ApiErrors(400, 401, 404)
  members(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<MemberView[]> {
    return this.groups.members(groupCaller(user), id);
  }

  @Post('groups/:id/invitations')
  @ApiCreatedResponse({ type: CreatedDto, description: 'Invites an account, or an email that joins on registration' })
  @ApiErrors(400, 401, 403, 404, 409)
  invite(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: InviteDto,
  ): Promise<CreatedDto> {
    return this.groups.invite(groupCaller(user), id, body);
  }

  @Get('me/group-invitations')
  @ApiOkResponse({ type: [InvitationView] })
  @ApiErrors(401)
  invitations(@CurrentUser() user: AuthenticatedUser): Promise<InvitationView[]> {
    return this.groups.myInvitations(groupCaller(user));
  }

  @Post('group-invitations/:id/accept')
  @HttpCode(200)
  @ApiOkResponse({ type: GroupView })
  @ApiErrors(400, 401, 404, 409)
  accept(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<GroupView> {
    return this.groups.acceptInvitation(groupCaller(user), id);
  }

  @Post('group-invitations/:id/decline')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiErrors(400, 401, 404)
  decline(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.groups.declineInvitation(groupCaller(user), id);
  }

  @Post('groups/:id/join-requests')
  @ApiCreatedResponse({ type: CreatedDto, description: 'Only for groups open for requests (others: 404)' })
  @ApiErrors(400, 401, 404, 409)
  requestToJoin(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<CreatedDto> {
    return this.groups.requestToJoin(groupCaller(user), id);
  }

  @Post('group-join-requests/:id/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: MemberView })
  @ApiErrors(400, 401, 403, 404, 409)
  approve(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<MemberView> {
    return this.groups.approveRequest(groupCaller(user), id);
  }

  @Post('group-join-requests/:id/reject')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiErrors(400, 401, 403, 404, 409)
  reject(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.groups.rejectRequest(groupCaller(user), id);
  }

  @Patch('groups/:id/members/:membershipId')
  @ApiOkResponse({ type: MemberView, description: 'The owner makes members moderators and back' })
  @ApiErrors(400, 401, 403, 404, 409)
  setRole(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('membershipId', ParseUUIDPipe) membershipId: string,
    @Body() body: SetRoleDto,
  ): Promise<MemberView> {
    return this.groups.setRole(groupCaller(user), id, membershipId, body.role);
  }

  @Delete('groups/:id/members/:membershipId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removes a member, revokes an invitation or turns down a request' })
  @ApiErrors(400, 401, 403, 404, 409)
  remove(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('membershipId', ParseUUIDPipe) membershipId: string,
  ): Promise<void> {
    return this.groups.removeMembership(groupCaller(user), id, membershipId);
  }

  @Post('groups/:id/leave')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiErrors(400, 401, 404, 409)
  leave(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.groups.leave(groupCaller(user), id);
  }

  @Post('groups/:id/transfer-ownership')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The owner hands the group to an active member and stays as a moderator' })
  @ApiErrors(400, 401, 403, 404, 409)
  transfer(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: TransferOwnershipDto,
  ): Promise<void> {
    return this.groups.transferOwnership(groupCaller(user), id, body.userId);
  }
}
